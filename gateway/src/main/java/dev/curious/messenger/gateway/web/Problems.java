package dev.curious.messenger.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.gateway.Rejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Renders a rejection as an RFC 9457 problem document: status, title, detail, code and any violations. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(Rejection rejection, String path) {
        ProblemDetail problem = ProblemDetail.forStatus(rejection.status());
        problem.setTitle(rejection.title());
        problem.setDetail(rejection.detail());
        if (path != null) {
            problem.setInstance(URI.create(path));
        }
        problem.setProperty("code", rejection.code());
        if (!rejection.violations().isEmpty()) {
            problem.setProperty("violations", rejection.violations());
        }
        if (rejection.oldestFrameSeq() != null) {
            problem.setProperty("oldestFrameSeq", rejection.oldestFrameSeq());
        }
        return problem;
    }

    /** For the answers given before a request reaches a controller: filters, authentication, authorization. */
    public static void write(
            HttpServletResponse response, HttpServletRequest request, Rejection rejection, ObjectMapper json)
            throws IOException {
        response.setStatus(rejection.status());
        ProblemHandling.retryAfter(rejection, response::setHeader);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), of(rejection, request.getRequestURI()));
    }
}
