package com.pveams.adapters.rest.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactorTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void masksSecretsAtAnyDepthAndKeepsTheRest() {
        String body = "{\"username\":\"ops\",\"password\":\"p1\",\"node\":{\"sshPassword\":\"p2\",\"host\":\"10.0.0.1\"},"
                + "\"list\":[{\"appkey\":\"k\"}],\"note\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig\"}";
        String out = Redactor.body(mapper, body.getBytes(StandardCharsets.UTF_8)).toString();
        for (String secret : new String[]{"\"p1\"", "\"p2\"", "\"k\"", "eyJhbGciOiJIUzI1NiJ9"}) {
            assertFalse(out.contains(secret), out);
        }
        assertTrue(out.contains("\"username\":\"ops\""), out);
        assertTrue(out.contains("\"host\":\"10.0.0.1\""), out);
    }

    @Test
    void apiKeyResponsesKeepTheAppidButNotTheAppkey() throws Exception {
        // the insertApiKey answer and a selectApiByPage page, which shows appkeys in full (ams.api-keys.reveal)
        String created = "{\"code\":20000,\"data\":{\"id\":1,\"appid\":\"1690208651216\",\"appkey\":\"23ba5aa474fa416a99a404a02065f29849\"}}";
        String page = "{\"code\":20000,\"data\":{\"records\":[{\"id\":1,\"appid\":\"1690208651216\","
                + "\"appkey\":\"23ba5aa474fa416a99a404a02065f29849\",\"info\":\"接口2\"}],\"total\":1}}";
        for (String response : List.of(created, page)) {
            String out = Redactor.redact(mapper.readTree(response)).toString();
            assertFalse(out.contains("23ba5aa474fa416a99a404a02065f29849"), out);
            assertTrue(out.contains("\"appid\":\"1690208651216\""), out);
        }
    }

    @Test
    void nonJsonBodiesAreNotStored() {
        assertEquals("\"(9 bytes, not JSON)\"", Redactor.body(mapper, "password=".getBytes()).toString());
        assertNull(Redactor.body(mapper, new byte[0]));
    }

    @Test
    void queryParametersAreMaskedByName() {
        String out = Redactor.query(mapper, Map.of("password", List.of("x"), "page", List.of("2"))).toString();
        assertFalse(out.contains("\"x\""), out);
        assertTrue(out.contains("\"page\":\"2\""), out);
    }
}
