package dev.curious.messenger.query.replay;

import dev.curious.messenger.query.ProcessingGroups;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code --messenger.replay=<group>[,<group>]|all}: rebuilds the read models of the groups from the whole history,
 * prints the progress, and exits when they have caught up. See docs/operations.md, "Replaying read models".
 */
@Component
class ReplayCommandLine implements ApplicationRunner {

    private final Replays replays;
    private final ConfigurableApplicationContext context;

    ReplayCommandLine(Replays replays, ConfigurableApplicationContext context) {
        this.replays = replays;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        if (!args.containsOption("messenger.replay")) {
            return;
        }
        replay(args.getOptionValues("messenger.replay").get(0), System.out, Duration.ofSeconds(1));
        // Axon keeps a non-daemon janitor thread: a command-line run ends the JVM itself once it is done.
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    /** Replays the groups, printing a progress line every {@code interval} and a final one. */
    void replay(String selection, PrintStream out, Duration interval) throws InterruptedException {
        List<String> selected = selection.equals("all") ? ProcessingGroups.ALL : List.of(selection.split(","));
        selected.forEach(group -> {
            if (!ProcessingGroups.ALL.contains(group)) {
                throw new IllegalArgumentException(
                        "No processing group '" + group + "'; one of " + ProcessingGroups.ALL);
            }
        });
        long started = System.nanoTime();
        selected.forEach(replays::start);
        boolean done = false;
        while (!done) {
            Thread.sleep(interval.toMillis());
            done = true;
            StringBuilder line = new StringBuilder();
            for (String group : selected) {
                ReplayProgress progress = replays.progress(group);
                line.append(String.format(
                        "%s %d/%d (%d%%)  ", group, progress.position(), progress.head(), progress.percent()));
                done &= progress.done();
            }
            out.println(line.toString().strip());
        }
        out.printf("replayed %s in %.1f s%n", selected, (System.nanoTime() - started) / 1e9);
    }
}
