package dev.curious.messenger.bench;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

/** The command side and the query side in one JVM on the embedded PostgreSQL, without the web layer. */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        basePackages = {"dev.curious.messenger.command", "dev.curious.messenger.query"},
        excludeFilters = @Filter(type = FilterType.REGEX, pattern = ".*Application"))
class BenchSystem {

    /**
     * The system as the benchmarks on one JVM run it: the query side's processors as configured for every run of it,
     * a fresh content key, warnings only.
     */
    static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(BenchSystem.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "logging.level.root=warn",
                        "spring.config.import=classpath:messenger-query.yml",
                        "messenger.content.key-file=" + contentKeyFile())
                .run(args);
    }

    /** A content master key for one run of a benchmark, on the fresh database it uses. */
    static String contentKeyFile() {
        try {
            return java.nio.file.Files.createTempDirectory("messenger-bench-keys")
                    .resolve("content.key")
                    .toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The value of {@code --name=value} among the arguments, or {@code otherwise}. */
    static int option(String[] args, String name, int otherwise) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 3));
            }
        }
        return otherwise;
    }
}
