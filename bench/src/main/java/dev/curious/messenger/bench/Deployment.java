package dev.curious.messenger.bench;

import dev.curious.messenger.platform.database.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messenger distributed as it is deployed: the command side, the query side and two gateway nodes, each a JVM of
 * its own from its executable jar, against one Axon Server and one fresh embedded PostgreSQL. Closing stops them.
 */
final class Deployment implements AutoCloseable {

    private final EmbeddedDatabase database;
    private final Path databaseDirectory;
    private final List<Process> services = new ArrayList<>();
    private final Map<String, Process> named = new LinkedHashMap<>();
    private final List<Loopback> gateways = new ArrayList<>();

    private Deployment(Path databaseDirectory) throws IOException {
        this.databaseDirectory = databaseDirectory;
        this.database = EmbeddedDatabase.start(databaseDirectory);
    }

    /** Starts every service against the Axon Server at {@code axonServer} ({@code host:port} of its gRPC). */
    static Deployment start(String axonServer) throws Exception {
        Deployment deployment = new Deployment(Files.createTempDirectory("messenger-deployment-db"));
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            byte[] master = new byte[32];
            new SecureRandom().nextBytes(master);
            Map<String, String> environment = Map.of(
                    "AXON_SERVER",
                    axonServer,
                    "DATABASE_URL",
                    "postgres://postgres:postgres@localhost:" + deployment.database.port() + "/postgres",
                    "MESSENGER_SECURITY_TOKEN_SECRET",
                    Base64.getEncoder().encodeToString(key),
                    "MESSENGER_CONTENT_MASTER_KEY",
                    Base64.getEncoder().encodeToString(master));
            Path directory = Files.createTempDirectory("messenger-deployment");
            for (String service : List.of("command-side", "query-side", "gateway", "gateway")) {
                int port = Loopback.freePort();
                String log = service + "-" + port + ".log";
                Process process = Loopback.start(jar(service), port, directory, log, environment);
                deployment.services.add(process);
                if (service.equals("gateway")) {
                    deployment.gateways.add(new Loopback(port));
                    deployment.named.put("gateway " + deployment.gateways.size(), process);
                } else {
                    deployment.named.put(service.replace('-', ' '), process);
                }
            }
            System.out.printf(
                    "deployment up against Axon Server %s, gateways on ports %d and %d, logs in %s%n",
                    axonServer, deployment.gateway(0).port, deployment.gateway(1).port, directory);
            return deployment;
        } catch (Exception e) {
            deployment.close();
            throw e;
        }
    }

    /** The services' processes by name ("command side", "query side", "gateway 1", "gateway 2"), in start order. */
    Map<String, Process> processes() {
        return named;
    }

    /** The data directory of the deployment's PostgreSQL (for its CPU, {@link ProcessCost}). */
    Path databaseDirectory() {
        return databaseDirectory;
    }

    /** Gateway node 0 or 1. */
    Loopback gateway(int node) {
        return gateways.get(node);
    }

    private static Path jar(String service) throws IOException {
        try (var files = Files.list(Path.of(service, "target"))) {
            return files.filter(path -> path.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "No executable jar of " + service + " (run from the project root after ./mvnw package)"));
        }
    }

    @Override
    public void close() throws IOException {
        services.forEach(Process::destroy);
        for (Process service : services) {
            service.onExit().join();
        }
        database.close();
    }
}
