package fr.dinum.ledger.api.operations;

import fr.dinum.ledger.api.config.LedgerProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Reads come from projections that follow the event store a few milliseconds behind. So that a
 * client always reads what was recorded before its request (its own commands included), a read
 * first waits, for a bounded time, until the projections have reached the newest event stored when
 * it arrived. If they are stuck (a failing event) the read answers anyway, with the header
 * {@value #BEHIND_HEADER}, rather than hang.
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
                    long head = projections.headPosition();
                    if (!projections.awaitPosition(head, properties.readYourWritesTimeout())) {
                        LOG.warn("Projections have not reached event {} after {}: answering from older figures",
                                head, properties.readYourWritesTimeout());
                        response.setHeader(BEHIND_HEADER, "true");
                    }
                }
                return true;
            }
        }).addPathPatterns("/api/**").excludePathPatterns("/api/admin/**");
    }
}
