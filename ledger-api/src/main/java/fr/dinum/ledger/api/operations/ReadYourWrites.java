package fr.dinum.ledger.api.operations;

import fr.dinum.ledger.api.config.LedgerProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import fr.dinum.ledger.api.web.FieldError;
import fr.dinum.ledger.api.web.InvalidRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;
import java.util.OptionalLong;

/**
 * Reads come from projections that follow the event store a few milliseconds behind. A command's
 * answer carries, in the header {@value Projections#POSITION_HEADER}, the position of the last
 * event of its convention; a read that names a position (that header, or the query parameter
 * {@value Projections#POSITION_PARAMETER}) first waits, for a bounded time, until every projection
 * has reached it, so a client reads its own writes. A read that names none answers at once from the
 * projections as they are: it never waits for the writes of others, which under write load would
 * make every read as slow as the busiest writer. If the projections do not reach the position in
 * time (a failing event) the read answers anyway, with the header {@value #BEHIND_HEADER}, rather
 * than hang.
 */
@Configuration(proxyBeanMethods = false)
class ReadYourWrites implements WebMvcConfigurer {

    static final String BEHIND_HEADER = "X-Projections-Behind";
    private static final Logger LOG = LoggerFactory.getLogger(ReadYourWrites.class);

    private final Projections projections;
    private final LedgerProperties properties;

    ReadYourWrites(Projections projections, LedgerProperties properties) {
        this.projections = projections;
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if ("GET".equals(request.getMethod())) {
                    OptionalLong position = namedPosition(request);
                    if (position.isPresent()
                            && !projections.awaitPosition(position.getAsLong(), properties.readYourWritesTimeout())) {
                        LOG.warn("Projections have not reached event {} after {}: answering from older figures",
                                position.getAsLong(), properties.readYourWritesTimeout());
                        response.setHeader(BEHIND_HEADER, "true");
                    }
                }
                return true;
            }
        }).addPathPatterns("/api/**").excludePathPatterns("/api/admin/**");
    }

    /** The position a read names, if any; a malformed one is the client's error, answered 400. */
    static OptionalLong namedPosition(HttpServletRequest request) {
        String header = request.getHeader(Projections.POSITION_HEADER);
        String value = header != null ? header : request.getParameter(Projections.POSITION_PARAMETER);
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        String field = header != null ? Projections.POSITION_HEADER : Projections.POSITION_PARAMETER;
        if (value.length() > 18 || !value.trim().matches("-?[0-9]+")) {
            throw new InvalidRequest(List.of(new FieldError(field, "POSITION_INVALID",
                    "The position must be a whole number, as given by a command's answer in " + Projections.POSITION_HEADER)));
        }
        return OptionalLong.of(Long.parseLong(value.trim()));
    }
}
