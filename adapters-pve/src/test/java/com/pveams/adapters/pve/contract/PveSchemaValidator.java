package com.pveams.adapters.pve.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks requests against PVE 9.1's API schema ({@code subset.json} + {@code formats.json}) the way
 * pve-http-server and PVE::JSONSchema do: endpoint known, path params consistent, no unknown parameters, required
 * ones present, types (integer, number, boolean 0/1), enum, minimum/maximum, maxLength, anchored patterns, named
 * formats (with {@code -list}/{@code -opt}) and property strings (default key, aliases, keyAlias, duplicates,
 * unknown sub-keys, requires), plus qemu's VM CPU rules. Result: PVE-style {@code errors} (param → reason).
 * <p>
 * The schema files are classpath resources under {@value #RESOURCE_DIR} (this module's test resources, so they travel
 * in the test-jar; provenance in {@code PROVENANCE.md} beside them).
 */
public final class PveSchemaValidator {

    /** A matched endpoint. */
    public record Endpoint(String template, String method, JsonNode schema) {
        public boolean returnsUpid() {
            return schema.path("returns_upid").asBoolean(false);
        }
    }

    /** Validation outcome; {@code endpoint} empty means PVE would answer 501. */
    public record Result(Optional<Endpoint> endpoint, Map<String, String> errors) {
        public boolean valid() {
            return endpoint.isPresent() && errors.isEmpty();
        }

        @Override
        public String toString() {
            return endpoint.map(e -> e.method() + " " + e.template()).orElse("<no endpoint>") + " " + errors;
        }
    }

    private static final Pattern INTEGER = Pattern.compile("^[+-]?\\d+$");
    private static final Pattern NUMBER = Pattern.compile("^[+-]?(\\d+\\.\\d+|\\d+\\.|\\.\\d+|\\d+)([eE][+-]?\\d+)?$");
    private static final Pattern INDEXED = Pattern.compile("^([a-z_]+)(\\d+)$");
    private static final Set<String> PS_TRUE = Set.of("1", "on", "yes", "true");
    private static final Set<String> PS_FALSE = Set.of("0", "off", "no", "false");

    static final String RESOURCE_DIR = "/pve-api";

    private static volatile PveSchemaValidator shared;

    private final JsonNode endpoints;
    private final JsonNode formats;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    private PveSchemaValidator(JsonNode subset, JsonNode formatsFile) {
        this.endpoints = subset.get("endpoints");
        // subset's formats first, formats.json fills the rest
        Map<String, JsonNode> f = new LinkedHashMap<>();
        formatsFile.get("formats").fields().forEachRemaining(e -> f.put(e.getKey(), e.getValue()));
        subset.get("formats").fields().forEachRemaining(e -> f.put(e.getKey(), e.getValue()));
        this.formats = new ObjectMapper().valueToTree(f);
    }

    /** Loads once per JVM (the files are 0.7 MB). */
    public static PveSchemaValidator load() {
        PveSchemaValidator v = shared;
        if (v == null) {
            synchronized (PveSchemaValidator.class) {
                if (shared == null) {
                    shared = loadFromClasspath();
                }
                v = shared;
            }
        }
        return v;
    }

    private static PveSchemaValidator loadFromClasspath() {
        ObjectMapper om = new ObjectMapper();
        return new PveSchemaValidator(readResource(om, "subset.json"), readResource(om, "formats.json"));
    }

    private static JsonNode readResource(ObjectMapper om, String name) {
        String path = RESOURCE_DIR + "/" + name;
        try (InputStream in = PveSchemaValidator.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("PVE schema resource " + path + " is not on the classpath");
            }
            return om.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PVE schema resource " + path, e);
        }
    }

    // ------------------------------------------------------------------ endpoint matching

    /** Finds the endpoint template for a decoded path; literal segments win over parameters. */
    public Optional<Endpoint> match(String method, List<String> segments, Map<String, String> pathParamsOut) {
        String best = null;
        int bestScore = -1;
        Map<String, String> bestParams = null;
        for (Iterator<String> it = endpoints.fieldNames(); it.hasNext(); ) {
            String template = it.next();
            if (!endpoints.get(template).has(method)) {
                continue;
            }
            String[] ts = template.substring(1).split("/");
            if (ts.length != segments.size()) {
                continue;
            }
            int score = 0;
            Map<String, String> params = new LinkedHashMap<>();
            boolean ok = true;
            for (int i = 0; i < ts.length; i++) {
                if (ts[i].startsWith("{")) {
                    params.put(ts[i].substring(1, ts[i].length() - 1), segments.get(i));
                } else if (ts[i].equals(segments.get(i))) {
                    score++;
                } else {
                    ok = false;
                    break;
                }
            }
            if (ok && score > bestScore) {
                best = template;
                bestScore = score;
                bestParams = params;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        pathParamsOut.putAll(bestParams);
        return Optional.of(new Endpoint(best, method, endpoints.get(best).get(method)));
    }

    public Result validate(PveRequest r) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> pathParams = new LinkedHashMap<>();
        Optional<Endpoint> ep = match(r.method(), r.segments(), pathParams);
        if (ep.isEmpty()) {
            errors.put("_path", "Method '" + r.method() + " " + r.path() + "' not implemented");
            return new Result(ep, errors);
        }
        for (String d : r.duplicates()) {
            errors.put(d, "duplicate parameter");
        }
        Map<String, String> params = new LinkedHashMap<>(r.params());
        for (Map.Entry<String, String> e : pathParams.entrySet()) {
            String given = params.get(e.getKey());
            if (given != null && !given.equals(e.getValue())) {
                errors.put(e.getKey(), "parameter verification failed - duplicate parameter with different value");
            }
            params.put(e.getKey(), e.getValue());
        }
        validateParams(ep.get().schema().get("parameters"), params, errors);
        return new Result(ep, errors);
    }

    /** Convenience: validates and returns the errors (empty = PVE would accept the parameters). */
    public Map<String, String> errors(String method, String rawPathAndQuery, String contentType, String body) {
        return validate(PveRequest.parse(method, rawPathAndQuery, contentType, body)).errors();
    }

    // ------------------------------------------------------------------ parameters

    private void validateParams(JsonNode schema, Map<String, String> params, Map<String, String> errors) {
        JsonNode props = schema.path("properties");
        boolean additional = schema.path("additionalProperties").asInt(0) != 0
                || schema.path("additionalProperties").asBoolean(false);
        Set<String> seenDefs = new HashSet<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = e.getKey();
            JsonNode def = propertyFor(props, key);
            if (def == null) {
                if (!additional) {
                    errors.put(key, "property is not defined in schema and the schema does not allow additional "
                            + "properties");
                }
                continue;
            }
            seenDefs.add(key);
            String err = checkValue(key, def, e.getValue(), false);
            if (err != null) {
                errors.put(key, err);
            }
        }
        for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode def = props.get(name);
            if (name.contains("[n]") || def.path("optional").asInt(0) == 1) {
                continue;
            }
            if (!params.containsKey(name)) {
                errors.put(name, "property is missing and it is not optional");
            }
        }
    }

    private JsonNode propertyFor(JsonNode props, String key) {
        if (props.has(key)) {
            return props.get(key);
        }
        Matcher m = INDEXED.matcher(key);
        if (m.matches()) {
            JsonNode def = props.get(m.group(1) + "[n]");
            if (def != null) {
                int n = Integer.parseInt(m.group(2));
                JsonNode range = def.get("x-index-range");
                if (range == null || (n >= range.get(0).asInt() && n <= range.get(1).asInt())) {
                    return def;
                }
            }
        }
        return null;
    }

    /** Returns an error text or null. {@code inPropertyString} relaxes booleans as PVE does. */
    private String checkValue(String name, JsonNode def, String value, boolean inPropertyString) {
        String type = def.path("type").asText("string");
        switch (type) {
            case "integer" -> {
                if (!INTEGER.matcher(value).matches()) {
                    return "type check ('integer') failed - got '" + value + "'";
                }
                String r = range(def, Double.parseDouble(value), value);
                if (r != null) {
                    return r;
                }
            }
            case "number" -> {
                if (!NUMBER.matcher(value).matches()) {
                    return "type check ('number') failed - got '" + value + "'";
                }
                String r = range(def, Double.parseDouble(value), value);
                if (r != null) {
                    return r;
                }
            }
            case "boolean" -> {
                String v = value.toLowerCase();
                boolean ok = inPropertyString ? PS_TRUE.contains(v) || PS_FALSE.contains(v)
                        : "0".equals(value) || "1".equals(value);
                if (!ok) {
                    return "type check ('boolean') failed - got '" + value + "'";
                }
            }
            case "string" -> {
                if (def.has("maxLength") && value.length() > def.get("maxLength").asInt()) {
                    return "value may only be " + def.get("maxLength").asInt() + " characters long";
                }
                if (def.has("minLength") && value.length() < def.get("minLength").asInt()) {
                    return "value must be at least " + def.get("minLength").asInt() + " characters long";
                }
            }
            default -> {
                // array/object parameters are not sent form-encoded by this adapter
                return "type '" + type + "' is not supported by the form encoding";
            }
        }
        JsonNode enumNode = def.has("x-effective-enum") ? def.get("x-effective-enum") : def.get("enum");
        if (enumNode != null && enumNode.isArray()) {
            boolean found = false;
            for (JsonNode e : enumNode) {
                if (e.asText().equals(value)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return "value '" + value + "' does not have a value in the enumeration '" + join(enumNode) + "'";
            }
        }
        String full = def.has("x-pattern-full") ? def.get("x-pattern-full").asText()
                : def.has("pattern") ? "^(?:" + def.get("pattern").asText() + ")$" : null;
        if (full != null && !pattern(full).matcher(value).matches()) {
            return "value does not match the regex pattern";
        }
        JsonNode format = def.get("format");
        if (format != null) {
            if (format.isObject()) {
                List<String> errs = checkPropertyString(name, format, value, null);
                if (!errs.isEmpty()) {
                    return "invalid format - format error\n" + String.join("\n", errs);
                }
            } else {
                String err = checkFormat(name, format.asText(), value);
                if (err != null) {
                    return err;
                }
            }
        }
        return null;
    }

    private static String range(JsonNode def, double v, String raw) {
        if (def.has("minimum") && v < def.get("minimum").asDouble()) {
            return "value must have a minimum value of " + def.get("minimum").asText();
        }
        if (def.has("maximum") && v > def.get("maximum").asDouble()) {
            return "value must have a maximum value of " + def.get("maximum").asText();
        }
        return null;
    }

    private String checkFormat(String name, String formatName, String value) {
        if (formatName.endsWith("-list")) {
            String base = formatName.substring(0, formatName.length() - 5);
            for (String item : value.split("[,; \\x00]+")) {
                if (item.isEmpty()) {
                    continue;
                }
                String err = checkFormat(name, base, item);
                if (err != null) {
                    return "invalid format - value '" + item + "': " + err;
                }
            }
            return null;
        }
        if (formatName.endsWith("-opt")) {
            if (value.isEmpty()) {
                return null;
            }
            formatName = formatName.substring(0, formatName.length() - 4);
        }
        JsonNode f = formats.get(formatName);
        if (f == null) {
            return "unknown format '" + formatName + "'";
        }
        if ("property-string".equals(f.path("kind").asText())) {
            List<String> errs = checkPropertyString(name, f.get("properties"), value, formatName);
            if (!errs.isEmpty()) {
                return "invalid format - format error\n" + String.join("\n", errs);
            }
            if ("pve-vm-cpu-conf".equals(formatName)) {
                return checkVmCpu(f, value);
            }
            return null;
        }
        if (f.has("enum")) {
            for (JsonNode e : f.get("enum")) {
                if (e.asText().equals(value)) {
                    return null;
                }
            }
            return "invalid format - value '" + value + "' is not a valid " + formatName;
        }
        if (f.has("x-pattern-full") && !pattern(f.get("x-pattern-full").asText()).matcher(value).matches()) {
            return "invalid format - value does not look like a valid " + formatName;
        }
        if ("pve-storage-id".equals(formatName) && value.length() < 2) {
            return "invalid format - storage ID '" + value + "' is too short";
        }
        return null;
    }

    /** Parses {@code k=v,k=v} (default key allowed bare) and checks every sub-key. */
    private List<String> checkPropertyString(String name, JsonNode props, String value, String formatName) {
        List<String> errs = new ArrayList<>();
        Map<String, String> parsed = new LinkedHashMap<>();
        String defaultKey = null;
        for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (props.get(k).path("default_key").asInt(0) == 1) {
                defaultKey = k;
            }
        }
        for (String part : value.split(",", -1)) {
            if (part.isEmpty()) {
                errs.add(name + ": empty key/value pair");
                continue;
            }
            int eq = part.indexOf('=');
            String k;
            String v;
            if (eq < 0) {
                if (defaultKey == null) {
                    errs.add(name + ": value without key, but schema does not define a default key");
                    continue;
                }
                if (parsed.containsKey(defaultKey)) {
                    errs.add(name + "." + defaultKey + ": duplicate key in comma-separated list property");
                    continue;
                }
                k = defaultKey;
                v = part;
            } else {
                k = part.substring(0, eq);
                v = part.substring(eq + 1);
            }
            JsonNode def = props.get(k);
            if (def == null) {
                errs.add(name + "." + k + ": property is not defined in schema and the schema does not allow "
                        + "additional properties");
                continue;
            }
            if (def.has("alias")) {
                String target = def.get("alias").asText();
                if (def.has("keyAlias")) {
                    String keyAlias = def.get("keyAlias").asText();
                    if (parsed.containsKey(keyAlias)) {
                        errs.add(name + "." + keyAlias + ": duplicate key in comma-separated list property");
                    }
                    parsed.put(keyAlias, k);
                }
                k = target;
                def = props.get(target);
            }
            if (parsed.containsKey(k)) {
                errs.add(name + "." + k + ": duplicate key in comma-separated list property");
                continue;
            }
            parsed.put(k, v);
        }
        for (Map.Entry<String, String> e : parsed.entrySet()) {
            JsonNode def = props.get(e.getKey());
            String err = checkValue(name + "." + e.getKey(), def, e.getValue(), true);
            if (err != null) {
                errs.add(name + "." + e.getKey() + ": " + err);
            }
            if (def.has("requires") && !parsed.containsKey(def.get("requires").asText())) {
                errs.add(name + "." + e.getKey() + ": property requires '" + def.get("requires").asText() + "'");
            }
        }
        for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            JsonNode def = props.get(k);
            if (!def.has("alias") && def.path("optional").asInt(0) != 1 && !parsed.containsKey(k)) {
                errs.add(name + "." + k + ": property is missing and it is not optional");
            }
        }
        return errs;
    }

    /** qemu-server's validate_vm_cpu_conf: known model or custom-*, only whitelisted flags, no reported-model. */
    private String checkVmCpu(JsonNode f, String value) {
        String cputype = null;
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? "cputype" : part.substring(0, eq);
            String v = eq < 0 ? part : part.substring(eq + 1);
            switch (k) {
                case "cputype" -> cputype = v;
                case "reported-model" -> {
                    return "invalid format - reported-model is not allowed in a VM config";
                }
                case "flags" -> {
                    Set<String> allowed = Set.of("aes", "amd-no-ssb", "amd-ssbd", "hv-evmcs", "hv-tlbflush", "ibpb",
                            "md-clear", "nested-virt", "pcid", "pdpe1gb", "spec-ctrl", "ssbd", "virt-ssbd");
                    for (String flag : v.split(";")) {
                        if (!allowed.contains(flag.substring(1))) {
                            return "invalid format - flag '" + flag + "' is not allowed in a VM config";
                        }
                    }
                }
                default -> { }
            }
        }
        if (cputype != null && !cputype.startsWith("custom-")) {
            for (JsonNode t : f.get("x-valid-cputypes")) {
                if (t.asText().equals(cputype)) {
                    return null;
                }
            }
            return "invalid format - CPU model '" + cputype + "' is not a built-in model";
        }
        return null;
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }

    private static String join(JsonNode arr) {
        List<String> s = new ArrayList<>();
        arr.forEach(n -> s.add(n.asText()));
        return String.join(", ", s);
    }
}
