package dev.curious.messenger.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.platform.axon.AxonPlatformAutoConfiguration;
import dev.curious.messenger.platform.content.ContentSealingMigration;
import dev.curious.messenger.platform.database.EmbeddedDatabase;
import dev.curious.messenger.platform.database.ModuleSchema;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Query-side nodes that start together on a new database all get the token store's one identifier (before, the
 * node whose insert of it lost the race failed to start), on a real PostgreSQL with the platform's schema.
 */
class TokenStoreIdentifierTest {

    @Test
    void nodesStartingTogetherOnANewDatabaseAllGetTheOneIdentifier() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            DataSource dataSource = database.dataSource();
            byte[] masterKey = new byte[32];
            new SecureRandom().nextBytes(masterKey);
            ModuleSchema.migrations(dataSource, "platform", new ContentSealingMigration("4", masterKey))
                    .afterPropertiesSet();
            int nodes = 8;
            ExecutorService starting = Executors.newFixedThreadPool(nodes);
            CountDownLatch together = new CountDownLatch(nodes);
            List<Future<String>> identifiers = new ArrayList<>();
            for (int node = 0; node < nodes; node++) {
                TokenStore tokenStore = JdbcTokenStore.builder()
                        .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                        .serializer(JacksonSerializer.defaultSerializer())
                        .schema(AxonPlatformAutoConfiguration.tokenSchema())
                        .build();
                SpringTransactionManager transactions =
                        new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
                Callable<String> start = () -> {
                    together.countDown();
                    together.await();
                    return TokenStoreIdentifier.ensure(tokenStore, transactions);
                };
                identifiers.add(starting.submit(start));
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> identifier : identifiers) {
                answers.add(identifier.get());
            }
            starting.shutdown();

            assertThat(answers).hasSize(nodes).containsOnly(answers.get(0));
        }
    }
}
