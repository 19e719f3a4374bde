package dev.curious.messenger.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.gateway.GatewayProperties.Rate;
import dev.curious.messenger.gateway.RateLimiter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

/** How a session joins the parts Tomcat reads a WebSocket message in, before STOMP sees it. */
class LiveSessionTest {

    private final LiveSession session = new LiveSession("s", null, RateLimiter.bucket(new Rate(1, 1)));

    @Test
    void aWholeMessageIsHandedOnAsItIs() {
        TextMessage whole = new TextMessage("SEND\n\n\0");

        assertThat(session.join(whole, 100)).isSameAs(whole);
    }

    @Test
    void theTextPartsOfAMessageBecomeOneWholeMessage() {
        assertThat(session.join(new TextMessage("SEND\n\n\u20ac", false), 100)).isNull();
        assertThat(session.join(new TextMessage("\ud83d\ude00", false), 100)).isNull();
        WebSocketMessage<?> joined = session.join(new TextMessage("\0", true), 100);

        assertThat(joined).isInstanceOf(TextMessage.class);
        assertThat(joined.isLast()).isTrue();
        assertThat(((TextMessage) joined).getPayload()).isEqualTo("SEND\n\n\u20ac\ud83d\ude00\0");
    }

    @Test
    void theBinaryPartsOfAMessageBecomeOneWholeMessage() {
        assertThat(session.join(new BinaryMessage(bytes("SEND\n"), false), 100)).isNull();
        WebSocketMessage<?> joined = session.join(new BinaryMessage(bytes("\n\0"), true), 100);

        assertThat(joined).isInstanceOf(BinaryMessage.class);
        ByteBuffer payload = ((BinaryMessage) joined).getPayload();
        assertThat(StandardCharsets.UTF_8.decode(payload).toString()).isEqualTo("SEND\n\n\0");
    }

    @Test
    void aMessageOverTheLimitInBytesIsHandedOnAsFarAsItCameAndTheRestOfItDropped() {
        // Six characters, ten bytes: over a limit of eight bytes, though not of eight characters.
        assertThat(session.join(new TextMessage("abc", false), 8)).isNull();
        WebSocketMessage<?> over = session.join(new TextMessage("\u20ac\ud83d\ude00", false), 8);

        assertThat(over).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) over).getPayloadLength()).isEqualTo(10);
        assertThat(session.join(new TextMessage("more", false), 8)).isNull();
        assertThat(session.join(new TextMessage("end", true), 8)).isNull();
        TextMessage next = new TextMessage("next");
        assertThat(session.join(next, 8)).isSameAs(next);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
