package fr.dinum.ledger.api.operations;

import fr.dinum.ledger.api.web.ProblemAdvice;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the commands by type and outcome ({@code ledger_commands_total}): recorded, already
 * recorded, refused by a rule (with its code), invalid, conflict, not found, forbidden or error.
 * A servlet filter, so that requests refused by the security layer are counted too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class CommandMetricsFilter extends OncePerRequestFilter {

    private static final Pattern COMMAND = Pattern.compile(
            "^/api/conventions(?:/[^/]+/(receipts|credit-openings|commitments|payments|fund-calls|amendments|termination"
                    + "|closure|restitutions|erdas)|/[^/]+/commitments/[^/]+/(releases)|/[^/]+/erdas/[^/]+/(signatures))?/?$");

    private final MeterRegistry registry;

    CommandMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/conventions");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            Matcher matcher = COMMAND.matcher(request.getRequestURI());
            if (matcher.matches()) {
                String command = matcher.group(1) != null ? matcher.group(1)
                        : matcher.group(2) != null ? matcher.group(2)
                        : matcher.group(3) != null ? matcher.group(3) : "sign";
                int status = response.getStatus();
                Object code = request.getAttribute(ProblemAdvice.CODE_ATTRIBUTE);
                String outcome = switch (status) {
                    case 201 -> "recorded";
                    case 200 -> "already_recorded";
                    case 422 -> "refused";
                    case 400, 413 -> "invalid";
                    case 409 -> "conflict";
                    case 404 -> "not_found";
                    case 401, 403 -> "forbidden";
                    default -> status >= 500 ? "error" : "other";
                };
                Counter.builder("ledger_commands_total")
                        .description("Commands received, by type and outcome")
                        .tag("command", command).tag("outcome", outcome)
                        .tag("code", status < 300 ? "" : code != null ? code.toString() : String.valueOf(status))
                        .register(registry).increment();
            }
        }
    }
}
