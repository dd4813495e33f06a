package com.pveams.adapters.rest.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.pveams.domain.access.SecretFields;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Masks every secret-looking value of a JSON body or query string before it is written to the audit log. */
public final class Redactor {
    static final String MASK = "******";
    private static final Pattern JWT_LIKE = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private Redactor() {
    }

    public static JsonNode body(ObjectMapper mapper, byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(body);
            return node == null ? null : redact(node);
        } catch (java.io.IOException notJson) {
            return TextNode.valueOf("(" + body.length + " bytes, not JSON)");
        }
    }

    public static ObjectNode query(ObjectMapper mapper, Map<String, List<String>> params) {
        ObjectNode out = mapper.createObjectNode();
        params.forEach((k, v) -> {
            String value = String.join(",", v);
            out.put(k, SecretFields.isSecret(k) ? MASK : maskJwt(value));
        });
        return out;
    }

    static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (SecretFields.isSecret(e.getKey()) && !e.getValue().isNull()) {
                    e.setValue(TextNode.valueOf(MASK));
                } else {
                    e.setValue(redact(e.getValue()));
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, redact(arr.get(i)));
            }
        } else if (node.isTextual()) {
            return TextNode.valueOf(maskJwt(node.asText()));
        }
        return node;
    }

    private static String maskJwt(String s) {
        return JWT_LIKE.matcher(s).replaceAll(MASK);
    }
}
