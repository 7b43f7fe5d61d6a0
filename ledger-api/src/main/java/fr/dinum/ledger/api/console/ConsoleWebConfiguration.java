package fr.dinum.ledger.api.console;

import fr.dinum.ledger.api.config.LedgerProperties;
import fr.dinum.ledger.api.operations.Projections;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Read-your-writes for the console's pages, as for the API's reads: a page waits (briefly) for the
 * projections to hold every event stored before it was asked, so that what one just recorded, by
 * a form or through the API, is on the page.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

    private final Projections projections;
    private final LedgerProperties properties;

    ConsoleWebConfiguration(Projections projections, LedgerProperties properties) {
        this.projections = projections;
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if ("GET".equals(request.getMethod())) {
                    projections.awaitPosition(projections.headPosition(), properties.readYourWritesTimeout());
                }
                return true;
            }
        }).addPathPatterns("/console", "/console/**");
    }
}
