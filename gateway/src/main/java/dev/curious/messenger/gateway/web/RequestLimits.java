package dev.curious.messenger.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.gateway.GatewayProperties;
import dev.curious.messenger.gateway.RateLimiter;
import dev.curious.messenger.gateway.Rejection;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The limits every {@code /api} request meets before a controller sees it: a rate per signed-in user (per address
 * for registration and sign-in), answered with 429 and {@code Retry-After}, and a body size limit, answered with
 * 413 whether the client announced the length or not.
 */
@Configuration(proxyBeanMethods = false)
class RequestLimits {

    /** Thrown by the body's stream once more than the limit was read; the body converter wraps it. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(int limit) {
            super("A request body has at most " + limit + " bytes");
        }
    }

    static Optional<TooLarge> tooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TooLarge tooLarge) {
                return Optional.of(tooLarge);
            }
        }
        return Optional.empty();
    }

    /** Runs after Spring Security's filters, so the caller is known. */
    @Bean
    FilterRegistrationBean<Filter> requestLimitFilter(GatewayProperties properties, ObjectMapper json) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(properties, json));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(0);
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {

        private final int maxBody;
        private final RateLimiter users;
        private final RateLimiter addresses;
        private final ObjectMapper json;

        Filter(GatewayProperties properties, ObjectMapper json) {
            this.maxBody = properties.maxBodyBytes();
            this.users = new RateLimiter(properties.rest());
            this.addresses = new RateLimiter(properties.anonymous());
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            boolean allowed = authentication instanceof JwtAuthenticationToken token
                    ? users.tryAcquire(token.getName())
                    : addresses.tryAcquire(request.getRemoteAddr());
            if (!allowed) {
                response.setHeader("Retry-After", "1");
                Problems.write(
                        response, request, Rejection.rateLimited("Too many requests: slow down and retry"), json);
                return;
            }
            if (request.getContentLengthLong() > maxBody) {
                Problems.write(response, request, Rejection.tooLarge(new TooLarge(maxBody).getMessage()), json);
                return;
            }
            chain.doFilter(new LimitedBody(request, maxBody), response);
        }
    }

    /** A request whose body stream fails once it has given more than the limit. */
    private static final class LimitedBody extends HttpServletRequestWrapper {

        private final int limit;
        private ServletInputStream limited;

        LimitedBody(HttpServletRequest request, int limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedStream(super.getInputStream(), limit);
            }
            return limited;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream body;
        private final int limit;
        private long read;

        LimitedStream(ServletInputStream body, int limit) {
            this.body = body;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
