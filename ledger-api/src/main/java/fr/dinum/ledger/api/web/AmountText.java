package fr.dinum.ledger.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;

/**
 * Reads an amount field as the text the client wrote. The contract takes an amount as a JSON
 * string ({@code "1600000.00"}) or as a JSON number with at most two decimals ({@code 10.5}); the
 * number is kept as written (never through a binary floating-point number) and checked by
 * {@code Montant} like a string. Anything else (a boolean, an object, an array) is a wrong type.
 * Amount fields of a body carry {@link JsonAmount}.
 */
public final class AmountText extends StdDeserializer<String> {

    public AmountText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT
                || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getText();
        }
        return (String) context.handleUnexpectedToken(String.class, parser);
    }
}
