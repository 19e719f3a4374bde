package dev.curious.messenger.gateway.live;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * WebSocket connections at {@code /ws} without permessage-deflate, which browsers and Node's {@code ws} ask for and
 * Tomcat would grant: a chat frame is a few hundred bytes, and Tomcat compresses each frame once per receiving session
 * with a compressor of its own per session, so one message to ten members was deflated ten times (measured in
 * docs/benchmarks.md, "Cost per message, round two") and every open session held a compressor. The
 * extension is optional in the protocol (RFC 7692): a client that asked for it and was not granted it sends and
 * receives plain frames. Tomcat reads the offer from the request's header itself, so the header is hidden from it.
 */
@Component
class UncompressedWebSockets extends OncePerRequestFilter {

    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(EXTENSIONS) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getHeader(String name) {
                        return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
                    }

                    @Override
                    public Enumeration<String> getHeaders(String name) {
                        return EXTENSIONS.equalsIgnoreCase(name)
                                ? Collections.emptyEnumeration()
                                : super.getHeaders(name);
                    }

                    @Override
                    public Enumeration<String> getHeaderNames() {
                        return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                                .filter(header -> !EXTENSIONS.equalsIgnoreCase(header))
                                .toList());
                    }
                },
                response);
    }
}
