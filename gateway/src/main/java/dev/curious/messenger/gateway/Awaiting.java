package dev.curious.messenger.gateway;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits briefly for the read models to show what the command side just accepted. */
public final class Awaiting {

    private Awaiting() {}

    /** The first present answer, asked for again every few milliseconds; empty when the time is up. */
    public static <T> Optional<T> visible(Supplier<Optional<T>> read, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        long pause = 2;
        while (true) {
            Optional<T> answer = read.get();
            if (answer.isPresent() || System.nanoTime() > deadline) {
                return answer;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            pause = Math.min(pause * 2, 50);
        }
    }
}
