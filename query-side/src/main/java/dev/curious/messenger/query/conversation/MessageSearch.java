package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.message.MessageView;
import dev.curious.messenger.api.message.SearchHit;
import dev.curious.messenger.api.message.SearchMessagesQuery;
import dev.curious.messenger.api.message.SearchResults;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Full-text search of messages with PostgreSQL ({@code chat_messages.search}, a GIN index): English stems or the
 * words as written, in the conversations the viewer is a member of now, newest first by the position of their event.
 */
@Component
class MessageSearch {

    /** Start and end of a match in {@code ts_headline}'s answer: control characters no content holds. */
    private static final char START = '\u0002';

    private static final char STOP = '\u0003';
    private static final String HEADLINE_OPTIONS =
            "StartSel=\"" + START + "\", StopSel=\"" + STOP + "\", MaxWords=35, MinWords=15";

    /**
     * The text as a query: English (stemmed, stop words left out), or the words as written when it holds nothing but
     * stop words ("the who"). Immutable functions of a parameter, so that the planner sees the query itself and picks
     * the plan by how frequent its words are.
     */
    /** The configuration the query was made with, so that the headline marks the words it found. */
    private static final String CONFIG = "(CASE WHEN numnode(websearch_to_tsquery('english', :text)) = 0"
            + " THEN 'simple' ELSE 'english' END)::regconfig";

    private static final String QUERY = "(CASE WHEN numnode(websearch_to_tsquery('english', :text)) = 0"
            + " THEN websearch_to_tsquery('simple', :text) ELSE websearch_to_tsquery('english', :text) END)";

    /**
     * The hits, newest first: the member's conversations (or one of them) whose search vector matches, below the
     * position; the headline only for the page's rows, computed after the limit.
     */
    static final String SEARCH_SQL = "SELECT h.id, h.position, ts_headline(" + CONFIG + ", h.content, " + QUERY
            + ", :options) FROM (SELECT m.id, m.position, m.content FROM chat_messages m"
            + " WHERE m.conversation_id IN (SELECT c.conversation_id FROM chat_conversation_members c"
            + " WHERE c.user_id = :viewer AND (CAST(:conversation AS uuid) IS NULL"
            + " OR c.conversation_id = CAST(:conversation AS uuid)))"
            + " AND m.search @@ " + QUERY + " AND m.position < :before ORDER BY m.position DESC LIMIT :limit) h"
            + " ORDER BY h.position DESC";

    private final JdbcClient jdbc;
    private final MessageViews messages;
    private final TransactionTemplate transactions;

    MessageSearch(JdbcClient jdbc, MessageViews messages, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.transactions = new TransactionTemplate(transactions);
        this.transactions.setReadOnly(true);
    }

    /** Empty when a conversation is named that the viewer is not a member of. */
    @QueryHandler
    Optional<SearchResults> handle(SearchMessagesQuery query) {
        if (query.conversationId() != null
                && jdbc.sql("SELECT count(*) FROM chat_conversation_members WHERE conversation_id = ? AND user_id = ?")
                                .params(query.conversationId(), query.viewerId())
                                .query(Long.class)
                                .single()
                        == 0) {
            return Optional.empty();
        }
        record Row(UUID id, long position, String headline) {}
        int limit = Math.max(1, Math.min(query.limit(), ConversationQueries.MAX_LIMIT));
        List<Row> rows = transactions.execute(status -> {
            // A plan for these words: a plan cached for any words (after five runs of the prepared statement) cannot
            // tell "and" (every tenth message) from a name (a handful) and is slow for one or the other.
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
            return jdbc.sql(SEARCH_SQL)
                    .param("text", query.text())
                    .param("options", HEADLINE_OPTIONS)
                    .param("viewer", query.viewerId())
                    .param("conversation", query.conversationId())
                    .param("before", query.before() == null ? Long.MAX_VALUE : query.before())
                    .param("limit", limit)
                    .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3)))
                    .list();
        });
        Map<UUID, MessageView> views = new HashMap<>();
        if (!rows.isEmpty()) {
            messages.byIds(rows.stream().map(Row::id).toList()).forEach(view -> views.put(view.id(), view));
        }
        List<SearchHit> hits = rows.stream()
                .filter(row -> views.containsKey(row.id()))
                .map(row -> new SearchHit(views.get(row.id()), highlight(row.headline())))
                .toList();
        Long nextBefore = rows.size() == limit ? rows.get(rows.size() - 1).position() : null;
        return Optional.of(new SearchResults(hits, nextBefore));
    }

    /** The headline HTML-escaped, its matches in {@code <mark>}. */
    static String highlight(String headline) {
        StringBuilder html = new StringBuilder(headline.length() + 32);
        headline.codePoints().forEach(c -> {
            switch (c) {
                case START -> html.append("<mark>");
                case STOP -> html.append("</mark>");
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.appendCodePoint(c);
            }
        });
        return html.toString();
    }
}
