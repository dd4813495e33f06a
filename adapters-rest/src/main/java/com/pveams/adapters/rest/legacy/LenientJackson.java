package com.pveams.adapters.rest.legacy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Locale;

/**
 * Legacy clients send booleans as {@code true/false}, {@code 0/1} or their string forms; all are accepted,
 * anything else is a type error naming the field. Unknown fields are ignored, as the legacy server did.
 * A body is one JSON value: anything after it is refused rather than silently dropped (a truncated or doubled
 * body must not write half of what was meant), and so is a field named twice (which value was meant is a guess,
 * and a record body cannot take both). A string holding U+0000 is refused naming the field: PostgreSQL
 * text cannot store it, and no legacy client sends it.
 */
@Singleton
public class LenientJackson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("legacy-leniency");
        module.addDeserializer(Boolean.class, new LenientBoolean(Boolean.class));
        module.addDeserializer(boolean.class, new LenientBoolean(boolean.class));
        module.addDeserializer(String.class, new NulFreeString());
        mapper.registerModule(module);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    static final class NulFreeString extends StdScalarDeserializer<String> {
        NulFreeString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\0') >= 0) {
                return (String) ctxt.handleWeirdStringValue(String.class, value, "contains a NUL character");
            }
            return value;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    static final class LenientBoolean extends StdDeserializer<Boolean> {
        LenientBoolean(Class<?> type) {
            super(type);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE) {
                return Boolean.TRUE;
            }
            if (t == JsonToken.VALUE_FALSE) {
                return Boolean.FALSE;
            }
            if (t == JsonToken.VALUE_NUMBER_INT) {
                long v = p.getLongValue();
                if (v == 0 || v == 1) {
                    return v == 1;
                }
            }
            if (t == JsonToken.VALUE_STRING) {
                switch (p.getText().trim().toLowerCase(Locale.ROOT)) {
                    case "true", "1" -> {
                        return Boolean.TRUE;
                    }
                    case "false", "0" -> {
                        return Boolean.FALSE;
                    }
                    case "" -> {
                        return null;
                    }
                    default -> {
                    }
                }
            }
            return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
        }

        @Override
        public Boolean getNullValue(DeserializationContext ctxt) {
            return handledType() == boolean.class ? Boolean.FALSE : null;
        }
    }
}
