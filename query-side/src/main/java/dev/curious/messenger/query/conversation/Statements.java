package dev.curious.messenger.query.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Statements in the order they were added; consecutive ones of the same SQL go in one JDBC batch. */
final class Statements {

    private final List<Map.Entry<String, List<Object[]>>> runs = new ArrayList<>();

    void add(String sql, Object... parameters) {
        if (runs.isEmpty() || !runs.get(runs.size() - 1).getKey().equals(sql)) {
            runs.add(Map.entry(sql, new ArrayList<>()));
        }
        runs.get(runs.size() - 1).getValue().add(parameters);
    }

    void write(JdbcTemplate jdbc) {
        for (Map.Entry<String, List<Object[]>> run : runs) {
            jdbc.batchUpdate(run.getKey(), run.getValue());
        }
        runs.clear();
    }
}
