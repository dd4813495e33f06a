package com.pveams.domain.access;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one rule for which request, response, PVE-parameter and operation-parameter names hold secrets that must never
 * be stored or logged in clear. The audit redactor, the PVE error mapper and the database check on operation
 * parameters ({@code ck_operation_params}, whose pattern is {@link #pattern()}, kept equal by a schema test) all use it.
 */
public final class SecretFields {
    /** A name containing one of these, in any case, is secret ({@code newPassword}, {@code sshPassword}, {@code CSRFPreventionToken}). */
    private static final List<String> MARKERS = List.of("password", "passwd", "pwd", "secret", "token", "appkey",
            "apikey", "authorization", "cookie", "ticket", "privatekey", "private_key", "credential", "csrf");
    /** Names too short to look for inside others ("otp" is in "footprint"), secret only as the whole name. */
    private static final List<String> EXACT = List.of("otp");

    private static final Pattern COMPILED = Pattern.compile(pattern(), Pattern.CASE_INSENSITIVE);

    private SecretFields() {
    }

    public static boolean isSecret(String fieldName) {
        return fieldName != null && COMPILED.matcher(fieldName.toLowerCase(Locale.ROOT)).find();
    }

    /**
     * The rule as a case-insensitive regular expression that matches anywhere in a name, in the subset shared by
     * Java and PostgreSQL's SQL/JSON {@code like_regex}.
     */
    public static String pattern() {
        return Stream.concat(MARKERS.stream(), EXACT.stream().map(e -> "^" + e + "$"))
                .collect(Collectors.joining("|", "(", ")"));
    }
}
