package dev.curious.messenger.query;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToRetrieveIdentifierException;

/**
 * The token store's identifier row (Axon's {@code __config} token), made once. Query-side nodes that start together on
 * a new database each insert it, and without this the one that lost the race failed to start ("It may have been
 * concurrently initialized"); here the loser reads the winner's row instead.
 */
final class TokenStoreIdentifier {

    private static final int ATTEMPTS = 3;

    private TokenStoreIdentifier() {}

    /** The store's identifier, made by this call or by a concurrent one. */
    static String ensure(TokenStore tokenStore, TransactionManager transactions) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.fetchInTransaction(
                        () -> tokenStore.retrieveStorageIdentifier().orElseThrow());
            } catch (UnableToRetrieveIdentifierException concurrentlyMade) {
                if (attempt == ATTEMPTS) {
                    throw concurrentlyMade;
                }
            }
        }
    }
}
