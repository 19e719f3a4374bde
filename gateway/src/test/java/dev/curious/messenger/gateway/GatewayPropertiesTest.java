package dev.curious.messenger.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

class GatewayPropertiesTest {

    @Test
    void defaultsAreTheContractsLimits() {
        GatewayProperties defaults =
                Binder.get(new StandardEnvironment()).bindOrCreate("messenger.gateway", GatewayProperties.class);
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.maxSubscriptions()).isEqualTo(100);
        assertThat(defaults.heartbeat()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.maxFrameBytes()).isEqualTo(64 * 1024);
    }
}
