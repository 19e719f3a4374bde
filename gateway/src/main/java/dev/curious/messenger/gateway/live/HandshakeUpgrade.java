package dev.curious.messenger.gateway.live;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.standard.TomcatRequestUpgradeStrategy;

/**
 * Tomcat's WebSocket upgrade, keeping nothing of the handshake request with the session and offering no compression.
 * Tomcat and Spring would each copy every header of the handshake into the session and hold it for the session's life
 * (about 2 KiB for a browser's, its cookies and user agent included), though nothing reads them after the handshake,
 * which reads the ones it needs by name. And {@code permessage-deflate}, which every browser offers, would give each
 * session a zlib deflater and inflater: up to about 290 KiB of native memory (95 KiB measured after one message each
 * way), several times a session's heap; and Tomcat deflates each frame once per receiving session, so a message to ten
 * members was compressed ten times, for frames of a few hundred bytes. The extension is optional (RFC 7692): a client
 * that offered it and is not granted it sends and receives plain frames.
 */
final class HandshakeUpgrade extends TomcatRequestUpgradeStrategy {

    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    @Override
    public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
        return List.of();
    }

    @Override
    public void upgrade(
            ServerHttpRequest request,
            ServerHttpResponse response,
            String selectedProtocol,
            List<WebSocketExtension> selectedExtensions,
            Principal user,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        HttpServletRequest servlet = ((ServletServerHttpRequest) request).getServletRequest();
        super.upgrade(
                new Unkept(new Unlisted(servlet)),
                response,
                selectedProtocol,
                selectedExtensions,
                user,
                handler,
                attributes);
    }

    /** The request as Spring's session sees it: no headers to keep. */
    private static final class Unkept extends ServletServerHttpRequest {
        Unkept(HttpServletRequest request) {
            super(request);
        }

        @Override
        public HttpHeaders getHeaders() {
            return HttpHeaders.EMPTY;
        }
    }

    /**
     * The request as Tomcat's upgrade sees it: each header it asks for by name, but no list of them to copy, and no
     * extension offered.
     */
    private static final class Unlisted extends HttpServletRequestWrapper {
        Unlisted(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String getHeader(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }
    }
}
