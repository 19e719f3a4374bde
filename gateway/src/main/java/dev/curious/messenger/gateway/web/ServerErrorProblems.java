package dev.curious.messenger.gateway.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.gateway.Rejection;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Errors the server raises before any controller sees the request answer as problem documents too: Tomcat's own
 * (a request line, header or URL it cannot accept: too long, illegal characters, a path that climbs out of the root)
 * through an error report valve of ours in place of its HTML page; and JSON that names a field twice, which is
 * refused when read (400) instead of letting the last value win.
 */
@Configuration(proxyBeanMethods = false)
class ServerErrorProblems {

    /** Runs after Spring Boot's Tomcat customizer (order 0), so that its plain error report valve is replaced. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ObjectMapper json) {
        return factory -> factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemReportValve(json));
            if (host instanceof StandardHost standard) {
                // The host adds a valve of this class when it starts unless it has one.
                standard.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictDuplicateKeys() {
        return builder -> builder.featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** Tomcat's error report as {@code application/problem+json}, with no server details and no echo of input. */
    static final class ProblemReportValve extends ErrorReportValve {

        private final ObjectMapper json;

        ProblemReportValve(ObjectMapper json) {
            this.json = json;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean();
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            if (status == 501 || status == 505) {
                // Tomcat's answer to a transfer coding or HTTP version it does not know: the client's fault here.
                status = 400;
                response.setStatus(status);
            }
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(json.writeValueAsString(problem(status)));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException gone) {
                // the client went away
            }
        }

        /** A fixed detail per status: Tomcat's own message may quote the request. */
        private static ProblemDetail problem(int status) {
            Rejection known =
                    switch (status) {
                        case 400, 414, 431 ->
                            Rejection.malformed(
                                    "The request line, a header or the URL is not acceptable HTTP (or too long)");
                        case 413 -> Rejection.tooLarge("The request is too large");
                        default -> null;
                    };
            if (known != null) {
                return Problems.of(known, null);
            }
            HttpStatus resolved = HttpStatus.resolve(status);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatusCode.valueOf(status), "The server did not accept the request");
            problem.setTitle(resolved == null ? "Error" : resolved.getReasonPhrase());
            problem.setProperty("code", resolved == null ? "HTTP_" + status : resolved.name());
            return problem;
        }
    }
}
