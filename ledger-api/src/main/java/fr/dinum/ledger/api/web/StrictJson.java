package fr.dinum.ledger.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the API reads JSON: a body means exactly one thing or is refused. Jackson's defaults are
 * lenient in three ways that let a wrong command pass as a right one, so each is turned off here
 * for the web layer's mapper (the event store has its own, see {@code AxonConfiguration}):
 * <ul>
 *   <li>a key given twice ({@code {"closedOn": "2021-01-01", "closedOn": "2022-01-01"}}) kept the last
 *       value, so a proxy, a log and the ledger could each read another date: refused;</li>
 *   <li>content after the JSON value ({@code {...} garbage}) was ignored: refused;</li>
 *   <li>a JSON number or boolean was turned into text ({@code "releaseId": true} became "true"): a
 *       text field takes only a JSON string. Amounts are the one exception the contract makes (a
 *       JSON number with at most two decimals), read by {@link AmountText}.</li>
 * </ul>
 * The {@code spring.jackson.*} properties in application.yml already refuse unknown fields, floats
 * as whole numbers and text as numbers.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJsonReading() {
        return builder -> builder
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
