package com.pveams.adapters.rest.legacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LegacyInputTest {
    record Flags(Boolean nested, boolean kvm, Integer cores) {
    }

    private final ObjectMapper mapper = new ObjectMapper();

    LegacyInputTest() {
        new LenientJackson().customize(mapper);
    }

    @Test
    void booleansAcceptTrueFalseZeroOneAndTheirStrings() throws Exception {
        assertEquals(new Flags(true, false, 2), mapper.readValue("{\"nested\":1,\"kvm\":0,\"cores\":2}", Flags.class));
        assertEquals(new Flags(false, true, null), mapper.readValue("{\"nested\":\"false\",\"kvm\":\"1\"}", Flags.class));
        assertEquals(new Flags(true, true, null), mapper.readValue("{\"nested\":true,\"kvm\":true,\"extra\":\"ignored\"}", Flags.class));
        Flags nulls = mapper.readValue("{\"nested\":null,\"kvm\":null}", Flags.class);
        assertNull(nulls.nested());
        assertFalse(nulls.kvm());
    }

    @Test
    void otherBooleanValuesAreTypeErrorsNamingTheField() {
        MismatchedInputException e = assertThrows(MismatchedInputException.class,
                () -> mapper.readValue("{\"nested\":2}", Flags.class));
        assertEquals("nested", e.getPath().get(0).getFieldName());
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"kvm\":\"yes\"}", Flags.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"cores\":1.5}", Flags.class));
    }

    record Named(String name) {
    }

    @Test
    void aBodyIsOneJsonValueWithNothingAfterIt() throws Exception {
        assertEquals(new Flags(null, false, 2), mapper.readValue("{\"cores\":2}  \n", Flags.class));
        for (String trailing : new String[]{"{\"cores\":2} x", "{\"cores\":2}}", "{\"cores\":2}{\"cores\":3}", "{} []",
                "{\"cores\":2,\"cores\":\"x\"}"}) {
            assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class,
                    () -> mapper.readValue(trailing, Flags.class), trailing);
        }
    }

    @Test
    void stringsWithNulAreTypeErrorsNamingTheField() throws Exception {
        InvalidFormatException e = assertThrows(InvalidFormatException.class,
                () -> mapper.readValue("{\"name\":\"a\\u0000b\"}", Named.class));
        assertEquals("name", e.getPath().get(0).getFieldName());
        assertEquals(new Named("tab\tnew\nline \u4e2d\ud83d\ude00"),
                mapper.readValue("{\"name\":\"tab\\tnew\\nline \u4e2d\ud83d\ude00\"}", Named.class));
        assertEquals(new Named("12"), mapper.readValue("{\"name\":12}", Named.class));
        assertEquals(new Named(null), mapper.readValue("{\"name\":null}", Named.class));
    }

    @Test
    void acceptLanguagePicksEnglishOnlyWhenPreferred() {
        assertTrue(Language.prefersEnglish("en"));
        assertTrue(Language.prefersEnglish("en-GB,zh;q=0.5"));
        assertTrue(Language.prefersEnglish("zh;q=0.4, en-US;q=0.9"));
        assertFalse(Language.prefersEnglish("zh-CN,en;q=0.8"));
        assertFalse(Language.prefersEnglish(null));
        assertFalse(Language.prefersEnglish("de"));
        assertFalse(Language.prefersEnglish("en;q=abc"));
    }

    @Test
    void methodLeniencyCoversTheLegacyAlternatives() {
        assertTrue(matches("/admin/deleteApi", "POST"));
        assertTrue(matches("/secret-path/disableApi/5", "POST"));
        assertTrue(matches("/admin/deleteSysUserById/5", "PUT"));
        assertFalse(matches("/admin/deleteApi", "PUT"));
        assertFalse(matches("/admin/getSysuser", "POST"));
    }

    private static boolean matches(String path, String method) {
        return MethodLeniency.RULES.stream().anyMatch(r -> r.path().matcher(path).matches() && r.accepted().contains(method));
    }
}
