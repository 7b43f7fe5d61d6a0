package fr.dinum.ledger.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import fr.dinum.ledger.domain.convention.IdentifierConflict;
import fr.dinum.ledger.domain.convention.RuleViolation;
import fr.dinum.ledger.domain.values.BusinessDate;
import fr.dinum.ledger.domain.values.InvalidValueException;
import fr.dinum.ledger.domain.values.SafeText;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import fr.dinum.ledger.projections.reports.ErdaQueries;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code code}. Domain refusals keep the
 * rule's code; anything unexpected is a 500 that says nothing of the internals (no stack trace, no
 * SQL) but carries the correlation id, so operators find the logged cause.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);

    /** The request attribute holding the code of the problem answered, for the command metrics. */
    public static final String CODE_ATTRIBUTE = ProblemAdvice.class.getName() + ".code";

    public static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
        var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(CODE_ATTRIBUTE, code, org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:fdc-ledger:problem:" + code));
        problem.setTitle(title);
        problem.setProperty("code", code);
        return problem;
    }

    @ExceptionHandler(InvalidRequest.class)
    ProblemDetail invalid(InvalidRequest e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "Invalid request",
                e.errors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", e.errors());
        return problem;
    }

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail refused(RuleViolation e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, e.rule().name(), "Refused by rule " + e.rule().name(),
                e.getMessage());
        problem.setProperty("rule", e.rule().formula());
        return problem;
    }

    @ExceptionHandler(IdentifierConflict.class)
    ProblemDetail conflict(IdentifierConflict e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, IdentifierConflict.CODE, "Identifier already used",
                e.getMessage());
        problem.setProperty("identifier", e.identifier());
        problem.setProperty("differingFields", e.differingFields());
        return problem;
    }

    /** Two first signatures of the same convention at once (across instances): the loser's answer. */
    @ExceptionHandler(AggregateStreamCreationException.class)
    ProblemDetail concurrentCreation(AggregateStreamCreationException e) {
        return concurrent(null);
    }

    /**
     * A value computed from valid inputs that leaves the range of amounts (a sum of receipts above
     * 999 999 999 999.99): the command cannot be recorded, and it is the request's fault, not ours.
     */
    @ExceptionHandler(InvalidValueException.class)
    ProblemDetail outOfRange(InvalidValueException e) {
        if (SafeText.CODE.equals(e.code()) || BusinessDate.CODE.equals(e.code())) {
            // The API checks every field before building a command, so this is only reached by a
            // value the API did not check by name (a path segment): still the request's fault.
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "Invalid request", e.getMessage());
            problem.setProperty("errors", List.of(new FieldError(null, e.code(), e.getMessage())));
            return problem;
        }
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, e.code(), "Value out of range", e.getMessage());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrent(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "CONCURRENT_MODIFICATION", "Concurrent change",
                "The convention was changed by another request at the same moment; send the command again.");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail unknownConvention(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "CONVENTION_NOT_FOUND", "Unknown convention",
                "No convention " + e.getAggregateIdentifier() + " is recorded.");
    }

    @ExceptionHandler(Forbidden.class)
    ProblemDetail forbidden(Forbidden e) {
        return problem(HttpStatus.FORBIDDEN, e.code(), "Not allowed", e.getMessage());
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, e.code(), "Not found", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        String code = "PARAMETER_INVALID";
        String message = e.getName() + " has an invalid value";
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidValueException invalid) {
                code = invalid.code();
                message = invalid.getMessage();
            }
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "Invalid request",
                e.getName() + ": " + message);
        problem.setProperty("errors", List.of(new FieldError(e.getName(), code, message)));
        return problem;
    }

    /** Axon wraps what it cannot rethrow as is; the cause is the real answer. */
    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail wrapped(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuleViolation violation) {
            return refused(violation);
        }
        if (cause instanceof IdentifierConflict conflict) {
            return conflict(conflict);
        }
        if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
            return concurrent(null);
        }
        if (cause instanceof InvalidValueException invalid) {
            return outOfRange(invalid);
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return unknownConvention(notFound);
        }
        return unexpected(e);
    }

    /** An issued ERDA that no longer rebuilds to its hash: the event store was altered. */
    @ExceptionHandler(ErdaQueries.ErdaIntegrityException.class)
    ProblemDetail erdaIntegrity(ErdaQueries.ErdaIntegrityException e) {
        LOG.error("ERDA integrity check failed", e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "ERDA_INTEGRITY_FAILED",
                "ERDA integrity check failed", e.getMessage() + ": its content no longer matches its SHA-256.");
        problem.setProperty("correlationId", MDC.get("correlationId"));
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return concurrent(null);
            }
        }
        if (DatabaseOutage.causedBy(e)) {
            return databaseUnavailable(e);
        }
        LOG.error("Unexpected failure", e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal error",
                "The ledger could not answer; operators can find the cause with the correlation id.");
        problem.setProperty("correlationId", MDC.get("correlationId"));
        return problem;
    }

    /**
     * PostgreSQL cannot be reached, or did not answer in time: the request is refused as a whole
     * (nothing was recorded: a command's transaction did not commit) and the client may try again.
     * The ledger recovers by itself once the database is back.
     */
    static ProblemDetail databaseUnavailable(Throwable e) {
        LOG.warn("Database unavailable: {}", DatabaseOutage.summary(e));
        var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (attributes instanceof org.springframework.web.context.request.ServletRequestAttributes servlet
                && servlet.getResponse() != null) {
            servlet.getResponse().setHeader(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS);
        }
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.CODE, "Database unavailable",
                "The ledger's database cannot be reached just now; nothing was recorded by this request. "
                        + "Send it again in a few seconds.");
        problem.setProperty("correlationId", MDC.get("correlationId"));
        return problem;
    }

    /** A body that is not JSON, has a field of the wrong type, or a field the contract does not know. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem;
        FieldError duplicateOrRange = parserFieldError(e.getCause());
        if (duplicateOrRange != null) {
            problem = problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "Invalid request", duplicateOrRange.message());
            problem.setProperty("errors", List.of(duplicateOrRange));
        } else if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && (!(mapping.getCause() instanceof com.fasterxml.jackson.core.exc.StreamReadException)
                    || mapping.getCause() instanceof InputCoercionException)) {
            String field = path(mapping);
            boolean unknown = mapping instanceof UnrecognizedPropertyException;
            String code = unknown ? "UNKNOWN_FIELD" : "FIELD_TYPE_INVALID";
            String message = unknown ? field + " is not a field of this command" : field + " has the wrong type";
            problem = problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "Invalid request", message);
            problem.setProperty("errors", List.of(new FieldError(field, code, message)));
        } else {
            problem = problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Malformed request",
                    "The body is not a JSON document of the expected shape.");
        }
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
                                                          HttpStatusCode statusCode, WebRequest request) {
        // Spring's own problems (404, 405, 406, 415...) get a code and a type too, so every error has one.
        if (body instanceof ProblemDetail problem && (problem.getProperties() == null
                || !problem.getProperties().containsKey("code"))) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            String code = status == null ? "HTTP_" + statusCode.value() : status.name();
            problem.setProperty("code", code);
            problem.setType(URI.create("urn:fdc-ledger:problem:" + code));
            request.setAttribute(CODE_ATTRIBUTE, code, WebRequest.SCOPE_REQUEST);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /**
     * Two failures of the JSON reader itself that concern one field: a key given twice
     * ({@code DUPLICATE_FIELD}, Jackson's strict duplicate detection has no exception type of its
     * own, only its message) and a whole number too large for its field ({@code FIELD_TYPE_INVALID}).
     * The field is the parser's position when it stopped.
     */
    private static FieldError parserFieldError(Throwable thrown) {
        // Jackson wraps a reader failure met inside a nested object in a mapping exception: look beneath.
        Throwable cause = thrown;
        while (cause instanceof JsonMappingException && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (!(cause instanceof JsonProcessingException failure) || cause instanceof JsonMappingException
                || !(failure.getProcessor() instanceof JsonParser parser)) {
            return null;
        }
        String field = parserPath(parser);
        if (field.isEmpty()) {
            return null;
        }
        String message = failure.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field")) {
            return new FieldError(field, "DUPLICATE_FIELD", field + " is given more than once");
        }
        if (cause instanceof InputCoercionException) {
            return new FieldError(field, "FIELD_TYPE_INVALID", field + " has the wrong type");
        }
        return null;
    }

    private static String parserPath(JsonParser parser) {
        StringBuilder path = new StringBuilder();
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (var context = parser.getParsingContext(); context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                parts.push("." + context.getCurrentName());
            } else if (context.inArray()) {
                parts.push("[" + Math.max(0, context.getCurrentIndex()) + "]");
            }
        }
        parts.forEach(path::append);
        return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
