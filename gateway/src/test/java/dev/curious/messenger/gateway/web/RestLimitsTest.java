package dev.curious.messenger.gateway.web;

import static dev.curious.messenger.gateway.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.gateway.Api;
import dev.curious.messenger.gateway.Api.Response;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.MessengerSystem;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RestLimitsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }

    @Test
    void refusesABodyOver64KibWith413AndStoresNothing() {
        User ada = api.register("ada");
        User bob = api.register("bob");
        UUID conversation = api.start(ada, "Big", bob);
        String big = "{\"content\": \"" + "x".repeat(70_000) + "\"}";
        long before = events();

        assertProblem(api.post("/api/conversations/" + conversation + "/messages", ada, big), 413);
        // Without a Content-Length the body is cut off while it is read.
        HttpRequest chunked = HttpRequest.newBuilder(
                        URI.create(api.url("/api/conversations/" + conversation + "/messages")))
                .header("Authorization", "Bearer " + ada.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build();
        assertProblem(api.send(chunked), 413);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void answersMalformedJsonUnknownPathsAndWrongMethodsWithProblems() {
        User ada = api.register("ada");

        assertProblem(api.post("/api/conversations", ada, "{not json"), 400);
        assertProblem(api.post("/api/conversations", ada, "[]"), 400);
        assertProblem(api.get("/api/nowhere", ada), 404);
        assertProblem(api.call("DELETE", "/api/emojis", ada.token(), null), 405);
        assertProblem(api.call("POST", "/api/users", null, "{\"nickname\": 5, \"password\": {}}"), 400);
    }

    @Test
    void limitsEachUsersRateWith429AndRetryAfter() {
        User ada = api.register("ada");
        User bob = api.register("bob");
        List<Integer> statuses = new ArrayList<>();
        Response limited = null;

        for (int i = 0; i < 150 && limited == null; i++) {
            Response response = api.get("/api/emojis", ada);
            statuses.add(response.status());
            if (response.status() == 429) {
                limited = response;
            }
        }

        assertThat(limited).as("150 requests at once from one user").isNotNull();
        assertProblem(limited, 429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(statuses.subList(0, 50)).containsOnly(200);
        assertThat(api.get("/api/emojis", bob).status()).isEqualTo(200);
    }

    @Test
    void publishesHealthAndTheOpenApiDescription() {
        assertThat(api.call("GET", "/actuator/health", null, null)
                        .body()
                        .get("status")
                        .asText())
                .isEqualTo("UP");
        Response openApi = api.call("GET", "/v3/api-docs", null, null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body().get("paths").has("/api/conversations/{id}/messages"))
                .isTrue();
        assertThat(openApi.body().get("paths").has("/api/sessions")).isTrue();
        assertThat(api.call("GET", "/swagger-ui/index.html", null, null).status())
                .isEqualTo(200);
    }

    @Test
    void servesTheBrowserClient() {
        assertThat(page("/").body().asText()).contains("Curious Messenger");
        assertThat(page("/js/main.js").status()).isEqualTo(200);
        assertThat(page("/webjars/stomp__stompjs/bundles/stomp.umd.min.js").status())
                .isEqualTo(200);
    }

    private Response page(String path) {
        return api.send(HttpRequest.newBuilder(URI.create(api.url(path))).build());
    }
}
