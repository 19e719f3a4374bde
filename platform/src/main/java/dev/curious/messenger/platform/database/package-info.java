/** PostgreSQL: the configured one or an embedded real one, and schema migrations owned per module. */
package dev.curious.messenger.platform.database;
