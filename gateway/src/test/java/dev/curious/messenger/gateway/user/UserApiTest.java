package dev.curious.messenger.gateway.user;

import static dev.curious.messenger.gateway.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curious.messenger.gateway.Api;
import dev.curious.messenger.gateway.Api.Response;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.MessengerSystem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    private Response register(String nickname, String password) {
        return api.call("POST", "/api/users", null, Map.of("nickname", nickname, "password", password));
    }

    private Response signIn(String nickname, String password) {
        return api.call("POST", "/api/sessions", null, Map.of("nickname", nickname, "password", password));
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void registersAUserAndAnswersWithIdAndNicknameAsStored() {
        Response created = register("  " + unique("Ada "), Api.PASSWORD);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location"))
                .hasValue("/api/users/" + created.body().get("id").asText());
        assertThat(created.body().get("nickname").asText()).startsWith("Ada ").doesNotEndWith(" ");
    }

    @Test
    void refusesANicknameTakenInAnotherCaseWith409() {
        String nickname = unique("grace");
        assertThat(register(nickname, Api.PASSWORD).status()).isEqualTo(201);

        Response taken = register(nickname.toUpperCase(), Api.PASSWORD);

        assertProblem(taken, 409);
        assertThat(taken.body().get("code").asText()).isEqualTo("NICKNAME_TAKEN");
    }

    @Test
    void refusesInvalidNicknamesAndPasswordsWith400AndTheFieldsAtFault() {
        assertProblem(register("ab", Api.PASSWORD), 400);
        assertProblem(register(unique("two  spaces"), Api.PASSWORD), 400);
        assertProblem(register(unique("bad!char"), Api.PASSWORD), 400);
        Response shortPassword = register(unique("linus"), "short");
        assertProblem(shortPassword, 400);
        assertThat(shortPassword.body().get("violations").get(0).get("field").asText())
                .isEqualTo("password");
        assertProblem(register(unique("linus"), "x".repeat(129)), 400);
        Response neither = api.call("POST", "/api/users", null, Map.of());
        assertProblem(neither, 400);
        assertThat(neither.body().get("violations")).hasSize(2);
        Response badNickname = register("a?", Api.PASSWORD);
        assertThat(badNickname.body().get("violations").get(0).get("field").asText())
                .isEqualTo("nickname");
    }

    @Test
    void aRefusedRegistrationLeavesNoCredentials() {
        String nickname = unique("dup");
        register(nickname, Api.PASSWORD);
        long before = jdbc.sql("SELECT count(*) FROM gateway_credentials")
                .query(Long.class)
                .single();

        register(nickname, "another password");

        assertThat(jdbc.sql("SELECT count(*) FROM gateway_credentials")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
        assertThat(signIn(nickname, "another password").status()).isEqualTo(401);
    }

    @Test
    void signsInWithTheNicknameInAnyCaseAndAnswersAnExpiringToken() {
        String nickname = unique("Katherine");
        UUID id = UUID.fromString(
                register(nickname, Api.PASSWORD).body().get("id").asText());

        Response session = signIn(nickname.toLowerCase(), Api.PASSWORD);

        assertThat(session.status()).isEqualTo(200);
        JsonNode body = session.body();
        assertThat(body.get("userId").asText()).isEqualTo(id.toString());
        assertThat(body.get("nickname").asText()).isEqualTo(nickname);
        assertThat(body.get("roles")).extracting(JsonNode::asText).containsExactly("USER");
        assertThat(Instant.parse(body.get("expiresAt").asText()))
                .isAfter(Instant.now().plus(Duration.ofHours(1)));
        String[] jwt = body.get("token").asText().split("\\.");
        assertThat(jwt).hasSize(3);
        String claims = new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains(id.toString()).contains("\"exp\"").doesNotContain(Api.PASSWORD);
    }

    @Test
    void refusesAWrongPasswordOrAnUnknownNicknameWith401Alike() {
        String nickname = unique("margaret");
        register(nickname, Api.PASSWORD);

        Response wrongPassword = signIn(nickname, "not the password");
        Response unknown = signIn(unique("nobody"), Api.PASSWORD);

        assertProblem(wrongPassword, 401);
        assertProblem(unknown, 401);
        assertThat(wrongPassword.body().get("detail")).isEqualTo(unknown.body().get("detail"));
    }

    @Test
    void keepsPasswordsOnlyAsBcryptHashesNeverInTheEventStore() {
        String password = "a very particular password " + UUID.randomUUID();
        Response created = register(unique("hedy"), password);
        UUID id = UUID.fromString(created.body().get("id").asText());

        String hash = jdbc.sql("SELECT password_hash FROM gateway_credentials WHERE user_id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("$2a$").doesNotContain(password);
        List<byte[]> payloads = jdbc.sql("SELECT payload FROM domain_event_entry UNION ALL SELECT meta_data FROM"
                        + " domain_event_entry")
                .query(byte[].class)
                .list();
        assertThat(payloads).noneMatch(bytes -> new String(bytes, StandardCharsets.UTF_8).contains(password));
    }

    @Test
    void answersTheCallerWithRoles() {
        User ada = api.register("ada");

        Response me = api.get("/api/users/me", ada);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("id").asText()).isEqualTo(ada.id().toString());
        assertThat(me.body().get("nickname").asText()).isEqualTo(ada.nickname());
        assertThat(me.body().get("roles")).extracting(JsonNode::asText).containsExactly("USER");
    }

    @Test
    void refusesMissingForgedAndExpiredTokensWith401() {
        User ada = api.register("ada");
        String[] parts = ada.token().split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA";
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceAll("\"exp\":\\d+", "\"exp\":1000");
        String expired = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes()) + "." + parts[2];

        assertProblem(api.call("GET", "/api/users/me", null, null), 401);
        assertProblem(api.call("GET", "/api/users/me", forged, null), 401);
        assertProblem(api.call("GET", "/api/users/me", expired, null), 401);
        assertProblem(api.call("GET", "/api/users/me", "not-a-token", null), 401);
        assertThat(api.call("GET", "/api/users/me", null, null).headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void findsPeopleByTheStartOfTheirNicknameIgnoringCase() {
        String stem = "Zed" + UUID.randomUUID().toString().substring(0, 6);
        register(stem + "-one", Api.PASSWORD);
        register(stem + "-two", Api.PASSWORD);
        register("other" + stem, Api.PASSWORD);
        User caller = api.register("finder");

        Response found = api.get("/api/users?nickname=" + stem.toLowerCase(), caller);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body())
                .extracting(n -> n.get("nickname").asText())
                .containsExactlyInAnyOrder(stem + "-one", stem + "-two");
        assertThat(found.body().get(0).get("id").asText()).isNotBlank();
        assertThat(api.get("/api/users?nickname=" + stem + "&limit=1", caller).body())
                .hasSize(1);
        assertProblem(api.get("/api/users", caller), 400);
        assertProblem(api.get("/api/users?nickname=" + stem + "&limit=0", caller), 400);
        assertProblem(api.get("/api/users?nickname=" + stem + "&limit=many", caller), 400);
    }

    @Test
    void theBootstrappedAdminGrantsAndRevokesRolesAsStoredEvents() {
        User admin = api.signIn("admin", "admin-password-1");
        assertThat(api.get("/api/users/me", admin).body().get("roles"))
                .extracting(JsonNode::asText)
                .contains("ADMIN");
        User ada = api.register("ada");

        Response granted = api.post("/api/admin/users/" + ada.id() + "/roles", admin, Map.of("role", "AUDITOR"));

        assertThat(granted.status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(api.get("/api/users/me", ada).body().get("roles"))
                                .extracting(JsonNode::asText)
                                .containsExactlyInAnyOrder("USER", "AUDITOR"));
        assertThat(api.signIn(ada.nickname(), Api.PASSWORD))
                .satisfies(again ->
                        assertThat(api.get("/api/users/me", again).status()).isEqualTo(200));
        assertThat(eventTypes(ada.id())).containsExactly("UserRegistered", "RoleGranted");

        Response revoked = api.call("DELETE", "/api/admin/users/" + ada.id() + "/roles/AUDITOR", admin.token(), null);

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(eventTypes(ada.id())).containsExactly("UserRegistered", "RoleGranted", "RoleRevoked");
    }

    @Test
    void refusesRoleChangesByNonAdminsAndUnknownRolesAndTheLastAdminsOwnRevocation() {
        User admin = api.signIn("admin", "admin-password-1");
        User ada = api.register("ada");
        User bob = api.register("bob");

        assertProblem(api.post("/api/admin/users/" + bob.id() + "/roles", ada, Map.of("role", "ADMIN")), 403);
        assertProblem(api.post("/api/admin/users/" + bob.id() + "/roles", admin, Map.of("role", "KING")), 400);
        assertProblem(api.post("/api/admin/users/" + bob.id() + "/roles", admin, Map.of("role", "USER")), 400);
        assertProblem(
                api.post("/api/admin/users/" + UUID.randomUUID() + "/roles", admin, Map.of("role", "ANALYST")), 404);
        assertProblem(api.call("DELETE", "/api/admin/users/" + admin.id() + "/roles/ADMIN", admin.token(), null), 409);
        assertThat(eventTypes(bob.id())).containsExactly("UserRegistered");
    }

    private List<String> eventTypes(UUID aggregate) {
        return new ArrayList<>(jdbc
                .sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number")
                .param(aggregate.toString())
                .query(String.class)
                .list()
                .stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList());
    }
}
