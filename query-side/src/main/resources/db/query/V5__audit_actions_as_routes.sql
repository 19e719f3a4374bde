-- Denied calls are recorded under their route ("GET /api/audit/conversations/{id}/messages"), ids in their columns.
ALTER TABLE audit_log ALTER COLUMN action TYPE VARCHAR(255);
