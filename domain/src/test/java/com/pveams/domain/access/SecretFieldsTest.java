package com.pveams.domain.access;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretFieldsTest {

    @ParameterizedTest
    @ValueSource(strings = {"password", "newPassword", "sshPassword", "appkey", "Authorization", "CSRFPreventionToken",
            "cipassword", "new-password", "vncticket", "jwt_secret", "otp", "OTP", "ssh_private_key", "apiSecretEnc"})
    void secretNames(String name) {
        assertTrue(SecretFields.isSecret(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "info", "hostname", "id", "footprint", "otpauth_url_hint", "fingerprint", "ostype"})
    void ordinaryNames(String name) {
        assertFalse(SecretFields.isSecret(name), name);
    }

    @Test
    void nullIsNotSecret() {
        assertFalse(SecretFields.isSecret(null));
    }

    @Test
    void thePatternForTheDatabaseIsTheSameRule() {
        Pattern p = Pattern.compile(SecretFields.pattern(), Pattern.CASE_INSENSITIVE);
        for (String name : new String[]{"sshPassword", "otp", "footprint", "hostname", "CSRFPreventionToken"}) {
            assertEquals(SecretFields.isSecret(name), p.matcher(name).find(), name);
        }
    }
}
