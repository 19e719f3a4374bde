package dev.curious.messenger.platform.database;

import java.nio.file.Path;

/** A JVM of its own that runs the embedded database on a directory until it is killed, as a system would. */
final class EmbeddedDatabaseProcess {

    private EmbeddedDatabaseProcess() {}

    public static void main(String[] args) throws Exception {
        try {
            EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]));
            System.out.println("ready " + database.port());
        } catch (IllegalStateException refused) {
            System.out.println("refused " + refused.getMessage());
            System.exit(3);
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
