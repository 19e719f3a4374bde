package dev.curious.messenger.gateway;

import dev.curious.messenger.gateway.Api.User;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The set-up most API tests share: the whole system on a random port and three users signed in, ada, bob and cyd. */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ThreeUsers {

    @LocalServerPort
    protected int port;

    protected Api api;
    protected User ada;
    protected User bob;
    protected User cyd;

    @BeforeEach
    void threeUsers() {
        api = new Api(port);
        ada = api.register("ada");
        bob = api.register("bob");
        cyd = api.register("cyd");
    }
}
