package fr.dinum.ledger.api.web;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's last word, as problem+json. Some requests are refused by Tomcat before any servlet sees
 * them: a path with {@code %00}, an encoded slash or a malformed escape ({@code %ZZ}), a header
 * Tomcat cannot parse. Tomcat then answers with its own HTML page, since no application error page
 * applies. This valve, installed in place of Tomcat's {@link ErrorReportValve}, writes the same
 * problem body as the rest of the ledger instead, with no detail about the server.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String code = status == 400 ? "MALFORMED_REQUEST" : status >= 500 ? "INTERNAL_ERROR"
                : known == null ? "HTTP_" + status : known.name();
        String title = status == 400 ? "Malformed request" : known == null ? "Error" : known.getReasonPhrase();
        String body = "{\"type\":\"urn:fdc-ledger:problem:" + code + "\",\"title\":\"" + title + "\",\"status\":"
                + status + ",\"code\":\"" + code + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response cannot be written: nothing more can be said.
        }
    }

    /** Puts the valve in the host's pipeline in place of Tomcat's HTML one. */
    @Configuration(proxyBeanMethods = false)
    static class Installation {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof Host host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    if (host instanceof org.apache.catalina.core.StandardHost standard) {
                        standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                    }
                }
            });
        }
    }
}
