package dev.curious.messenger.gateway;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

/** The whole system behind the gateway, as the standalone run has it: the real command and query sides. */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        basePackages = "dev.curious.messenger",
        excludeFilters = @Filter(type = FilterType.REGEX, pattern = ".*Application"))
public class MessengerSystem {}
