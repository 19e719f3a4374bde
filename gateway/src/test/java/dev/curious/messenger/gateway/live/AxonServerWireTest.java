package dev.curious.messenger.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.api.audit.AuditConversationsQuery;
import dev.curious.messenger.api.audit.AuditLogPage;
import dev.curious.messenger.api.audit.AuditLogQuery;
import dev.curious.messenger.api.audit.AuditMessagePositions;
import dev.curious.messenger.api.audit.AuditMessagePositionsQuery;
import dev.curious.messenger.api.audit.AuditNicknamesQuery;
import dev.curious.messenger.api.audit.AuditedConversationList;
import dev.curious.messenger.api.conversation.AddedToConversation;
import dev.curious.messenger.api.conversation.ConversationDetails;
import dev.curious.messenger.api.conversation.ConversationList;
import dev.curious.messenger.api.conversation.FindConversationQuery;
import dev.curious.messenger.api.conversation.FindConversationsQuery;
import dev.curious.messenger.api.conversation.Mentioned;
import dev.curious.messenger.api.conversation.RemovedFromConversation;
import dev.curious.messenger.api.conversation.UserNotification;
import dev.curious.messenger.api.conversation.WatchNotificationsQuery;
import dev.curious.messenger.api.emoji.EmojiList;
import dev.curious.messenger.api.emoji.FindEmojisQuery;
import dev.curious.messenger.api.frame.ContentErasedFrame;
import dev.curious.messenger.api.frame.ConversationFrame;
import dev.curious.messenger.api.frame.FindFramesQuery;
import dev.curious.messenger.api.frame.FramePage;
import dev.curious.messenger.api.frame.PresenceChangedFrame;
import dev.curious.messenger.api.frame.TypingFrame;
import dev.curious.messenger.api.frame.WatchFramesQuery;
import dev.curious.messenger.api.message.ExportMessagesQuery;
import dev.curious.messenger.api.message.ExportedMessages;
import dev.curious.messenger.api.message.FindMessagesQuery;
import dev.curious.messenger.api.message.LocateMessageQuery;
import dev.curious.messenger.api.message.MessageLocation;
import dev.curious.messenger.api.message.MessagePage;
import dev.curious.messenger.api.message.SearchMessagesQuery;
import dev.curious.messenger.api.message.SearchResults;
import dev.curious.messenger.api.user.FindOnlineUsersQuery;
import dev.curious.messenger.api.user.FindUserQuery;
import dev.curious.messenger.api.user.FindUsersByNicknameQuery;
import dev.curious.messenger.api.user.OnlineUsers;
import dev.curious.messenger.api.user.UserList;
import dev.curious.messenger.api.user.UserView;
import dev.curious.messenger.gateway.Api;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.MessengerSystem;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.QueryUpdate;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.query.QuerySerializer;
import org.axonframework.axonserver.connector.query.subscription.SubscriptionMessageSerializer;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.GenericSubscriptionQueryUpdateMessage;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.QueryResponseMessage;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * What crosses Axon Server, without one: every query of every handler goes through the connector's own
 * {@link QuerySerializer} over the configured serializers (request out, request in, handled by the real handler,
 * answer out, answer in) and must come back equal, as the type its callers declare. A handler that no case covers
 * fails the test, so a new query cannot skip it.
 */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AxonServerWireTest {

    @LocalServerPort
    int port;

    @Autowired
    QueryBus queryBus;

    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier("messageSerializer")
    Serializer messageSerializer;

    @Autowired
    Serializer serializer;

    private QuerySerializer wire() {
        return new QuerySerializer(messageSerializer, serializer, new AxonServerConfiguration());
    }

    @Test
    void everyQueryAnswerSurvivesTheWireAsItsDeclaredType() throws Exception {
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        UUID conversation = api.start(ada, "Wire", bob);
        UUID message = api.send(conversation, ada, "across the wire");
        // A reply with a mention: its quote and mentions cross the wire in the message page and the search.
        assertThat(api.post(
                                "/api/conversations/" + conversation + "/messages",
                                bob,
                                Map.of("content", "@" + ada.nickname() + " the wire holds", "replyTo", message))
                        .status())
                .isEqualTo(202);
        StompClient online = StompClient.connect(port, bob.token());
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/conversations/" + conversation + "/messages", ada)
                                .body()
                                .get("messages")
                                .size()
                        == 2);

        Map<Object, ResponseType<?>> cases = new LinkedHashMap<>();
        cases.put(new FindConversationsQuery(ada.id(), 50), ResponseTypes.instanceOf(ConversationList.class));
        cases.put(
                new FindConversationQuery(conversation, ada.id()),
                ResponseTypes.optionalInstanceOf(ConversationDetails.class));
        cases.put(
                new FindMessagesQuery(conversation, ada.id(), null, 50),
                ResponseTypes.optionalInstanceOf(MessagePage.class));
        cases.put(new LocateMessageQuery(message), ResponseTypes.optionalInstanceOf(MessageLocation.class));
        cases.put(
                new ExportMessagesQuery(conversation, null, null, 0, 50),
                ResponseTypes.optionalInstanceOf(ExportedMessages.class));
        cases.put(
                new SearchMessagesQuery(ada.id(), "wire", null, null, 20),
                ResponseTypes.optionalInstanceOf(SearchResults.class));
        cases.put(new FindEmojisQuery(), ResponseTypes.instanceOf(EmojiList.class));
        cases.put(new FindUserQuery(ada.id()), ResponseTypes.optionalInstanceOf(UserView.class));
        cases.put(
                new FindUsersByNicknameQuery(ada.nickname().substring(0, 3), 20),
                ResponseTypes.instanceOf(UserList.class));
        cases.put(new FindOnlineUsersQuery(List.of(ada.id(), bob.id())), ResponseTypes.instanceOf(OnlineUsers.class));
        cases.put(
                new AuditConversationsQuery(ada.id(), null, null, 50),
                ResponseTypes.instanceOf(AuditedConversationList.class));
        cases.put(
                new AuditLogQuery(Instant.EPOCH, null, ada.id(), null, null, 0, 50),
                ResponseTypes.instanceOf(AuditLogPage.class));
        cases.put(
                new AuditConversationsQuery(null, null, null, 50, "wire"),
                ResponseTypes.instanceOf(AuditedConversationList.class));
        cases.put(
                new AuditLogQuery(Instant.EPOCH, null, ada.id(), null, null, 0, 50, "Stored"),
                ResponseTypes.instanceOf(AuditLogPage.class));
        cases.put(
                new AuditMessagePositionsQuery(conversation, Instant.now(), null, 50),
                ResponseTypes.instanceOf(AuditMessagePositions.class));
        cases.put(new AuditNicknamesQuery(List.of(ada.id(), bob.id())), ResponseTypes.instanceOf(UserList.class));
        cases.put(
                new FindFramesQuery(conversation, ada.id(), 0, 50), ResponseTypes.optionalInstanceOf(FramePage.class));
        cases.put(new WatchFramesQuery("node"), ResponseTypes.instanceOf(Boolean.class));
        cases.put(new WatchNotificationsQuery(), ResponseTypes.instanceOf(Boolean.class));

        assertThat(cases.keySet().stream().map(Object::getClass).distinct().toList())
                .as("a case for every query handler")
                .containsExactlyInAnyOrderElementsOf(handledQueries());
        for (Map.Entry<Object, ResponseType<?>> query : cases.entrySet()) {
            Object local = answer(query.getKey(), query.getValue());
            Object crossed = acrossTheWire(query.getKey(), query.getValue());
            assertThat(crossed).as(query.getKey().toString()).isEqualTo(local);
            assertThat(local).as("an answer with content: %s", query.getKey()).isNotNull();
            if (local instanceof java.util.Optional<?> optional) {
                assertThat(optional).as(query.getKey().toString()).isPresent();
            }
        }
        assertThat(answer(
                                new FindOnlineUsersQuery(List.of(ada.id(), bob.id())),
                                ResponseTypes.instanceOf(OnlineUsers.class))
                        .userIds())
                .containsExactly(bob.id());
        online.close();
    }

    /** Every kind of subscription update, real ones from the frame log among them, crosses as its own record. */
    @Test
    void everySubscriptionUpdateSurvivesTheWireAsItsRecord() throws Exception {
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        User cyd = api.register("cyd");
        UUID conversation = api.start(ada, "Updates", bob);
        UUID message = api.send(conversation, ada, "hello");
        String path = "/api/messages/" + message + "/reactions/heart";
        api.call("PUT", path, bob.token(), null);
        api.call("DELETE", path, bob.token(), null);
        api.post("/api/conversations/" + conversation + "/seen", bob, Map.of("messageId", message.toString()));
        api.post(
                "/api/conversations/" + conversation + "/members",
                ada,
                Map.of("userId", cyd.id().toString()));
        api.call("DELETE", "/api/conversations/" + conversation + "/members/" + cyd.id(), ada.token(), null);
        api.call("PATCH", "/api/conversations/" + conversation, ada.token(), Map.of("title", "Renamed"));
        UUID reply = UUID.fromString(api.post(
                        "/api/conversations/" + conversation + "/messages",
                        bob,
                        Map.of("content", "@" + ada.nickname() + " hi", "replyTo", message.toString()))
                .body()
                .get("messageId")
                .asText());
        api.call("PATCH", "/api/messages/" + message, ada.token(), Map.of("content", "hello, edited"));
        api.call("DELETE", "/api/messages/" + reply, bob.token(), null);
        api.post("/api/conversations/" + conversation + "/close", ada, null);
        List<Object> updates = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            updates.clear();
            updates.addAll(answer(
                            new FindFramesQuery(conversation, ada.id(), 0, 50),
                            ResponseTypes.optionalInstanceOf(FramePage.class))
                    .orElseThrow()
                    .frames());
            return updates.size() == 11;
        });
        updates.add(new TypingFrame(conversation, ada.id(), ada.nickname()));
        updates.add(new PresenceChangedFrame(conversation, ada.id(), null, true));
        updates.add(new ContentErasedFrame(conversation, ada.id(), null, Instant.parse("2026-11-21T10:15:30.123Z")));
        updates.add(new AddedToConversation(cyd.id(), conversation, "Updates"));
        updates.add(new RemovedFromConversation(cyd.id(), conversation, "Updates"));
        updates.add(new Mentioned(ada.id(), conversation, reply, bob.id()));

        SubscriptionMessageSerializer wire =
                new SubscriptionMessageSerializer(messageSerializer, serializer, new AxonServerConfiguration());
        Set<Class<?>> kinds = new HashSet<>();
        for (Object update : updates) {
            QueryUpdate sent = wire.serialize(new GenericSubscriptionQueryUpdateMessage<>(update));
            Object received = wire.deserialize(sent).getPayload();
            Class<?> type = update instanceof ConversationFrame ? ConversationFrame.class : UserNotification.class;
            ResponseType<?> declared = ResponseTypes.instanceOf(type);
            assertThat(declared.convert(received)).as(update.toString()).isEqualTo(update);
            kinds.add(update.getClass());
        }
        assertThat(kinds).hasSize(16);
    }

    private <R> R answer(Object query, ResponseType<R> type) throws Exception {
        return type.convert(
                queryBus.query(new GenericQueryMessage<>(query, type)).get().getPayload());
    }

    /** As a query crosses Axon Server: serialized by the caller, read and handled by the handler's node, answered. */
    private <R> R acrossTheWire(Object query, ResponseType<R> type) throws Exception {
        QuerySerializer wire = wire();
        QueryRequest request = wire.serializeRequest(new GenericQueryMessage<>(query, type), 1, 10_000, 0);
        QueryMessage<Object, Object> received = wire.deserializeRequest(request);
        QueryResponseMessage<Object> handled = queryBus.query(received).get();
        QueryResponse response = wire.serializeResponse(handled, request.getMessageIdentifier());
        QueryResponseMessage<R> back = wire.deserializeResponse(response, type);
        return type.convert(back.getPayload());
    }

    private Collection<Class<?>> handledQueries() {
        Set<Class<?>> queries = new HashSet<>();
        for (String name : context.getBeanDefinitionNames()) {
            Object bean = context.getBean(name);
            for (Method method : AopUtils.getTargetClass(bean).getDeclaredMethods()) {
                if (method.isAnnotationPresent(QueryHandler.class)) {
                    queries.add(method.getParameterTypes()[0]);
                }
            }
        }
        return queries;
    }
}
