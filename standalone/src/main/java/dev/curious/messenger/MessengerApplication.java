package dev.curious.messenger;

import dev.curious.messenger.gateway.live.ConnectionBuffers;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

/**
 * The whole messenger in one JVM on one PostgreSQL: command side, query side and gateway. Each module's own
 * application class (for running it as a separate service) is left out of the scan.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        excludeFilters = {
            @Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
            @Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
            @Filter(type = FilterType.REGEX, pattern = "dev\\.curious\\.messenger\\.[a-z]+\\..*Application")
        })
public class MessengerApplication {

    public static void main(String[] args) {
        ConnectionBuffers.useSmallBuffers();
        SpringApplication.run(MessengerApplication.class, args);
    }
}
