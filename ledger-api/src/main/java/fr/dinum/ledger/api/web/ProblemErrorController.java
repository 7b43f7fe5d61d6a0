package fr.dinum.ledger.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;
import java.net.URI;

/**
 * The answer to every error that Spring MVC's {@link ProblemAdvice} does not see: those raised by the
 * servlet container (a malformed URI or header, a request refused by Spring Security's firewall,
 * an exception thrown by a filter) are forwarded by Tomcat to {@code /error}, and a client may call
 * {@code /error} itself. Spring Boot's own error controller answers those with its JSON or HTML, and
 * with 500 when {@code /error} is called directly; this one answers a problem+json with a
 * {@code code}, whatever the Accept header, like every other error of the ledger.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ObjectMapper json;

    ProblemErrorController(ObjectMapper json) {
        this.json = json;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable exception = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ProblemDetail problem = problem(status instanceof Integer code ? code : null, exception);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            problem.setInstance(URI.create(path.replaceAll("[^A-Za-z0-9/._~%!$&'()*+,;=:@-]", "")));
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static ProblemDetail problem(Integer status, Throwable exception) {
        if (status == null) {
            // Called directly: there is no resource at /error.
            return ProblemAdvice.problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", "No resource here.");
        }
        if (exception != null && DatabaseOutage.causedBy(exception)) {
            return ProblemAdvice.databaseUnavailable(exception);
        }
        if (exception instanceof RequestRejectedException || status == 400) {
            return ProblemAdvice.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Malformed request",
                    "The request is not well formed HTTP (its path, a header or its encoding).");
        }
        if (status >= 500) {
            if (exception != null) {
                LOG.error("Unexpected failure outside the controllers", exception);
            }
            ProblemDetail problem = ProblemAdvice.problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                    "Internal error", "The ledger could not answer; operators can find the cause with the correlation id.");
            problem.setProperty("correlationId", MDC.get("correlationId"));
            return problem;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String code = known == null ? "HTTP_" + status : known.name();
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create("urn:fdc-ledger:problem:" + code));
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }
}
