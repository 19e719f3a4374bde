package dev.curious.messenger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of a process, and of a PostgreSQL server with its backends, from {@code /proc}. CPU
 * time is user plus system time in clock ticks of 10 ms ({@code getconf CLK_TCK} is 100 here); the server's own count
 * includes the backends that ended and were waited for, so a sum over time loses nothing.
 */
final class ProcessCost {

    private static final double SECONDS_PER_TICK = 0.01;

    private ProcessCost() {}

    /** CPU seconds the process has used, all its threads. */
    static double cpuSeconds(long pid) {
        List<String> stat = stat(pid);
        return (Long.parseLong(stat.get(13)) + Long.parseLong(stat.get(14))) * SECONDS_PER_TICK;
    }

    /**
     * CPU seconds of the PostgreSQL server whose data directory is {@code dataDirectory}: the postmaster with its ended
     * children, plus every live child.
     */
    static double postgresCpuSeconds(Path dataDirectory) {
        long postmaster = postmaster(dataDirectory);
        List<String> stat = stat(postmaster);
        double seconds = 0;
        for (int field = 13; field <= 16; field++) {
            seconds += Long.parseLong(stat.get(field)) * SECONDS_PER_TICK;
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.toList()) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    List<String> child = stat(Long.parseLong(name));
                    if (Long.parseLong(child.get(3)) == postmaster) {
                        seconds += (Long.parseLong(child.get(13)) + Long.parseLong(child.get(14))) * SECONDS_PER_TICK;
                    }
                } catch (UncheckedIOException ended) {
                    // ended while listed; the postmaster's count has it now
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seconds;
    }

    /** Resident memory of the process in MiB. */
    static double residentMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("No VmRSS for process " + pid);
    }

    private static long postmaster(Path dataDirectory) {
        return Long.parseLong(postmasterFile(dataDirectory, 0));
    }

    /** Line {@code line} (from 0) of a PostgreSQL server's pid file: 0 its pid, 3 its port. */
    static String postmasterFile(Path dataDirectory, int line) {
        try {
            return Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .get(line)
                    .trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fields of /proc/pid/stat, the command name (which may hold spaces) as one. */
    private static List<String> stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = line.lastIndexOf(')');
            List<String> fields = new ArrayList<>();
            fields.add(line.substring(0, line.indexOf(' ')));
            fields.add(line.substring(line.indexOf('(') + 1, close));
            fields.addAll(List.of(line.substring(close + 2).trim().split(" ")));
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
