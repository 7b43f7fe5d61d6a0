package fr.dinum.ledger.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.dinum.ledger.api.web.ProblemAdvice;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 401 and 403 answered as problem+json, like every other error of the API. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static AuthenticationEntryPoint unauthenticated(ObjectMapper json, String challenge) {
        return (request, response, e) -> {
            if (e instanceof LoginThrottledException throttled) {
                response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                write(response, json, ProblemAdvice.problem(HttpStatus.TOO_MANY_REQUESTS, LoginThrottledException.CODE,
                        "Too many failed logins", "Too many failed logins for this user from this address, or from "
                                + "this address: try again in " + throttled.retryAfterSeconds() + " s."));
                return;
            }
            response.setHeader("WWW-Authenticate", challenge);
            write(response, json, ProblemAdvice.problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                    "Authentication required", "Send valid credentials: " + challenge.split(" ")[0] + "."));
        };
    }

    static AccessDeniedHandler forbidden(ObjectMapper json) {
        return (request, response, e) -> write(response, json, ProblemAdvice.problem(HttpStatus.FORBIDDEN,
                "FORBIDDEN", "Not allowed", "Your roles do not allow this request."));
    }

    static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
