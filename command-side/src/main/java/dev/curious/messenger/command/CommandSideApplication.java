package dev.curious.messenger.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the command side as a service of its own; the standalone launcher runs it beside the other modules. */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
