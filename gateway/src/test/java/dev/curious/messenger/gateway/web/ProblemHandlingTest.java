package dev.curious.messenger.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.connector.ErrorCategory;
import io.axoniq.axonserver.grpc.ErrorMessage;
import io.grpc.Status;
import java.lang.reflect.Method;
import java.util.List;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.axonserver.connector.command.AxonServerCommandDispatchException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/** Outages of the infrastructure answer 503 problems (retry, nothing changed) with Retry-After, never 500. */
class ProblemHandlingTest {

    @Test
    void axonServerAndMissingHandlersAreOutagesNotServerErrors() throws Exception {
        ExceptionHandlerMethodResolver resolver = new ExceptionHandlerMethodResolver(ProblemHandling.class);
        ProblemHandling handling = new ProblemHandling(new StoreReads());
        for (Exception outage : List.of(
                new AxonServerException("AXONIQ-4003", "No connection to AxonServer available"),
                new AxonServerException("AXONIQ-4003", ErrorMessage.getDefaultInstance()),
                new AxonServerCommandDispatchException("AXONIQ-4003", "dispatch failed", null),
                new io.axoniq.axonserver.connector.AxonServerException(
                        ErrorCategory.COMMAND_DISPATCH_ERROR,
                        "Received exception while dispatching command",
                        "gateway-1",
                        Status.UNAVAILABLE.asRuntimeException()),
                Status.UNAVAILABLE.withDescription("io exception").asRuntimeException(),
                new NoHandlerForCommandException("No node handles SendMessage"),
                new NoHandlerForQueryException("No node handles FindConversationsQuery"))) {
            Method method = resolver.resolveMethod(outage);
            assertThat(method).as(outage.toString()).isNotNull();
            @SuppressWarnings("unchecked")
            ResponseEntity<ProblemDetail> answer = (ResponseEntity<ProblemDetail>)
                    method.invoke(handling, outage, new MockHttpServletRequest("POST", "/api/conversations"));
            assertThat(answer.getStatusCode().value()).as(outage.toString()).isEqualTo(503);
            assertThat(answer.getBody().getProperties()).containsEntry("code", "UNAVAILABLE");
            assertThat(answer.getHeaders().getFirst("Retry-After"))
                    .as(outage.toString())
                    .isEqualTo("1");
        }
    }
}
