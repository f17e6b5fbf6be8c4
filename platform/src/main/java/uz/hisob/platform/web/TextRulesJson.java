package uz.hisob.platform.web;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Request bodies obey {@link TextRules}: every string of every JSON body, at any depth, is checked while it is read,
 * and a breach is a 400 {@code VALIDATION_FAILED} naming the field (its JSON path). Only the HTTP decoder is strict:
 * what the services read back from their own storage is not re-judged.
 */
@Configuration(proxyBeanMethods = false)
public class TextRulesJson {

    @Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE) // after Boot's own
    CodecCustomizer textRulesDecoder(JsonMapper json) {
        JsonMapper strict = json.rebuild().addModule(module()).build();
        return configurer -> configurer.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(strict));
    }

    static SimpleModule module() {
        return new SimpleModule("hisob-text-rules").addDeserializer(String.class, new StrictStrings());
    }

    /**
     * The standard string deserializer, then the text rules. A string is a JSON string: a number or a boolean where a
     * string belongs is refused, not turned into text (money is never a JSON number, common.md).
     */
    static final class StrictStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                    || token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                throw MismatchedInputException.from(p, String.class, "a string is expected");
            }
            String value = super.deserialize(p, ctxt);
            if (value != null) {
                String violation = TextRules.violation(value, TextRules.MAX_LENGTH);
                if (violation != null) {
                    throw new Violation(p, violation);
                }
            }
            return value;
        }
    }

    /** A string of a body that breaks the text rules; {@link ProblemHandler} names its field. */
    public static final class Violation extends InvalidFormatException {

        private final String rule;

        Violation(JsonParser p, String rule) {
            super(p, "text rule: " + rule, null, String.class);
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }
}
