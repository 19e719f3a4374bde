package dev.curious.messenger.gateway;

import dev.curious.messenger.gateway.live.ConnectionBuffers;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs a gateway node as a service of its own, beside the command and query sides on Axon Server. */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        ConnectionBuffers.useSmallBuffers();
        SpringApplication.run(GatewayApplication.class, args);
    }
}
