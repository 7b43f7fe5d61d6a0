package fr.dinum.ledger.api.web;

import fr.dinum.ledger.domain.values.BusinessDate;
import fr.dinum.ledger.domain.values.SafeText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.AnnotationFormatterFactory;
import org.springframework.format.Parser;
import org.springframework.format.Printer;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UrlPathHelper;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * The checks every request meets before a controller sees it, for what does not come in a JSON
 * body: the path and the query parameters. Their text obeys the same {@link SafeText} rule as the
 * fields of a body (a NUL in {@code ?contributor=} or in a convention id would reach PostgreSQL,
 * which refuses it with an error), and their dates the same {@link BusinessDate} range (a date
 * beyond PostgreSQL's range would fail the query). A refusal is a 400 naming the parameter, or
 * {@code path} for the path.
 */
@Configuration(proxyBeanMethods = false)
class RequestHygiene implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws HttpMediaTypeNotSupportedException {
                refuseWildcardContentType(request);
                Fields fields = new Fields();
                fields.safe("path", UrlPathHelper.defaultInstance.getPathWithinApplication(request), SafeText.Lines.SINGLE);
                for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                    String name = parameter.getKey();
                    if (fields.safe(SafeText.firstUnsafe(name, SafeText.Lines.SINGLE) < 0 ? name : "parameter", name,
                            SafeText.Lines.SINGLE)) {
                        for (String value : parameter.getValue()) {
                            fields.safe(name, value, SafeText.Lines.SINGLE);
                        }
                    }
                }
                fields.throwIfInvalid();
                return true;
            }
        });
    }

    /**
     * A request body must say what it is: {@code Content-Type: *}{@code /*} or {@code application/*}
     * names no type, and Spring's reader fails on it with an exception that is not a client error.
     * It is answered 415 like any type the endpoint does not read.
     */
    private static void refuseWildcardContentType(HttpServletRequest request) throws HttpMediaTypeNotSupportedException {
        String header = request.getContentType();
        if (header == null) {
            return;
        }
        try {
            MediaType type = MediaType.parseMediaType(header);
            if (!type.isWildcardType() && !type.isWildcardSubtype()) {
                return;
            }
        } catch (InvalidMediaTypeException e) {
            // Answered as unsupported below, like Spring does for a type it cannot parse.
        }
        throw new HttpMediaTypeNotSupportedException("Content-Type '" + header + "' names no media type; send application/json");
    }

    /**
     * Dates in query parameters ({@code @DateTimeFormat(iso = DATE)}, such as {@code asOf}) are read
     * here rather than by Spring's default formatter, so that they keep to the business range. A
     * formatter registered by the application wins over Spring Boot's for the same annotation.
     */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldAnnotation(new BusinessDates());
    }

    static final class BusinessDates implements AnnotationFormatterFactory<DateTimeFormat> {

        @Override
        public Set<Class<?>> getFieldTypes() {
            return Set.of(LocalDate.class);
        }

        @Override
        public Printer<?> getPrinter(DateTimeFormat annotation, Class<?> fieldType) {
            return (Printer<LocalDate>) (date, locale) -> date.toString();
        }

        @Override
        public Parser<?> getParser(DateTimeFormat annotation, Class<?> fieldType) {
            return (Parser<LocalDate>) (text, locale) -> BusinessDate.require("the date", LocalDate.parse(text.strip()));
        }
    }
}
