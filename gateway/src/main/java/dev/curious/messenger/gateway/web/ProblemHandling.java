package dev.curious.messenger.gateway.web;

import dev.curious.messenger.gateway.Rejection;
import io.grpc.StatusRuntimeException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.BiConsumer;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.axonframework.common.AxonTransientException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the REST API as a problem document: never a stack trace, never HTML. */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
    /** Seconds a client waits before it repeats a call answered 503. */
    static final String RETRY_AFTER = "1";

    private final StoreReads storeReads;

    ProblemHandling(StoreReads storeReads) {
        this.storeReads = storeReads;
    }

    @ExceptionHandler(Rejection.class)
    ResponseEntity<ProblemDetail> rejected(Rejection rejection, HttpServletRequest request) {
        return answer(rejection, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String expected =
                e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return answer(Rejection.invalid(e.getName(), "'" + e.getValue() + "' is not a valid " + expected), request);
    }

    /**
     * The database or Axon Server is unreachable or refused the work for now, no node handles the command or query
     * just now (a service restarting), or an aggregate's cached state was behind a commit whose outcome the database
     * could not report (it is reloaded): nothing was changed, the client may retry.
     */
    @ExceptionHandler({
        DataAccessException.class,
        TransactionException.class,
        AxonTransientException.class,
        EventStoreException.class,
        AxonServerException.class,
        io.axoniq.axonserver.connector.AxonServerException.class,
        StatusRuntimeException.class,
        NoHandlerForCommandException.class,
        NoHandlerForQueryException.class,
        CommandDispatchException.class
    })
    ResponseEntity<ProblemDetail> unavailable(Exception e, HttpServletRequest request) {
        storeReads.failed(e);
        return answer(Rejection.unavailable("The data store cannot be reached just now; retry shortly"), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> failed(Exception e, HttpServletRequest request) {
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatusCode.valueOf(500), "The request could not be completed; it is logged on the server");
        problem.setTitle("Internal error");
        return ResponseEntity.status(500)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** A body that is not JSON of the expected shape, or one over the size limit. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Rejection rejection = RequestLimits.tooLarge(e)
                .map(tooLarge -> Rejection.tooLarge(tooLarge.getMessage()))
                .orElseGet(() -> Rejection.malformed("The request body is not the JSON this call expects"));
        return ResponseEntity.status(rejection.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(
                        rejection, ((ServletWebRequest) request).getRequest().getRequestURI()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> answer = super.handleExceptionInternal(e, body, headers, status, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail) {
            return ResponseEntity.status(answer.getStatusCode())
                    .headers(answer.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(answer.getBody());
        }
        return answer;
    }

    private static ResponseEntity<ProblemDetail> answer(Rejection rejection, HttpServletRequest request) {
        return ResponseEntity.status(rejection.status())
                .headers(headers -> retryAfter(rejection, headers::set))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(rejection, request.getRequestURI()));
    }

    /** Every 503 tells the client when to try again. */
    static void retryAfter(Rejection rejection, BiConsumer<String, String> header) {
        if (rejection.status() == 503) {
            header.accept(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
        }
    }
}
