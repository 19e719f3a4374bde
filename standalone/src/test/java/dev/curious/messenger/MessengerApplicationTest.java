package dev.curious.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

@AutoConfigureObservability
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // A temporary database, not the one in ./data that the standalone run keeps.
        properties = {"messenger.embedded-postgres.data-dir=", "messenger.security.key-file=target/test-token.key"})
class MessengerApplicationTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void theWholeSystemStartsOnItsOwnDatabaseAndReportsHealthy() {
        var health = http.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).contains("\"status\":\"UP\"").contains("PostgreSQL");
    }

    @Test
    void publishesPrometheusMetricsOfRequestsAndTheEventProcessors() {
        http.getForEntity("/api/emojis", String.class);

        var metrics = http.getForEntity("/actuator/prometheus", String.class);

        assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(metrics.getBody())
                .contains("http_server_requests_seconds_count")
                .contains("jvm_memory_used_bytes");
    }
}
