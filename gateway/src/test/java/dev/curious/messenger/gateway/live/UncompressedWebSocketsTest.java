package dev.curious.messenger.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.gateway.MessengerSystem;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A browser offers permessage-deflate with every WebSocket; the server opens the connection without it. */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UncompressedWebSocketsTest {

    @LocalServerPort
    int port;

    @Test
    void aWebSocketOfferingCompressionIsOpenedWithout() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET /ws HTTP/1.1\r\n"
                                    + "Host: localhost:" + port + "\r\n"
                                    + "Upgrade: websocket\r\n"
                                    + "Connection: Upgrade\r\n"
                                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                    + "Sec-WebSocket-Version: 13\r\n"
                                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                                    + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            BufferedReader answer =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            List<String> head = new ArrayList<>();
            for (String line = answer.readLine(); line != null && !line.isEmpty(); line = answer.readLine()) {
                head.add(line.toLowerCase());
            }

            assertThat(head.get(0)).startsWith("http/1.1 101");
            assertThat(head).anyMatch(line -> line.startsWith("sec-websocket-accept:"));
            assertThat(head).noneMatch(line -> line.startsWith("sec-websocket-extensions:"));
        }
    }
}
