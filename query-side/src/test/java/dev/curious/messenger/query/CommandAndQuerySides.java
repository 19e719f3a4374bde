package dev.curious.messenger.query;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

/** The real command side producing events and the query side projecting them, on one embedded PostgreSQL. */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        basePackages = {"dev.curious.messenger.command", "dev.curious.messenger.query"},
        excludeFilters = @Filter(type = FilterType.REGEX, pattern = ".*Application"))
public class CommandAndQuerySides {}
