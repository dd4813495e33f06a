package com.pveams.adapters.pve.sim;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fault the simulator injects into matching requests ({@code method} and a regex over the decoded path without
 * {@code /api2/json}, e.g. {@code /nodes/pve1/qemu/100/status/start}). Applies {@code times} times (default once),
 * then disappears. Faults are checked after authentication and schema validation, as if PVE itself failed.
 */
public final class Fault {

    /** What happens. */
    public enum Type {
        /** Answer with an HTTP error and PVE's error body. */
        HTTP_ERROR,
        /** Never answer (the client's request timeout fires). */
        HANG,
        /** Answer normally after a delay. */
        DELAY,
        /** Accept the call, return a UPID, and let the task fail with the message. */
        FAIL_TASK
    }

    final Type type;
    final int status;
    final String message;
    final Duration delay;
    String method = null;
    Pattern path = Pattern.compile(".*");
    final AtomicInteger remaining = new AtomicInteger(1);

    private Fault(Type type, int status, String message, Duration delay) {
        this.type = type;
        this.status = status;
        this.message = message;
        this.delay = delay;
    }

    public static Fault http(int status, String message) {
        return new Fault(Type.HTTP_ERROR, status, message, Duration.ZERO);
    }

    /** PVE's 500 when a config lock cannot be taken within its timeout. */
    public static Fault lockTimeout(int vmid) {
        return http(500, "can't lock file '/var/lock/qemu-server/lock-" + vmid + ".conf' - got timeout");
    }

    /** PVE's answer when a concurrent create took the VM id first. */
    public static Fault alreadyExists(int vmid, String node) {
        return http(500, "unable to create VM " + vmid + " - VM " + vmid + " already exists on node '" + node + "'")
                .on("POST", "/nodes/[^/]+/qemu");
    }

    public static Fault internalError() {
        return http(500, "Internal Server Error");
    }

    public static Fault hang() {
        return new Fault(Type.HANG, 0, null, Duration.ZERO);
    }

    public static Fault delay(Duration d) {
        return new Fault(Type.DELAY, 0, null, d);
    }

    public static Fault failTask(String message) {
        return new Fault(Type.FAIL_TASK, 0, message, Duration.ZERO);
    }

    /** Only for this HTTP method and decoded-path regex (full match). */
    public Fault on(String method, String pathRegex) {
        this.method = method;
        this.path = Pattern.compile(pathRegex);
        return this;
    }

    public Fault times(int n) {
        remaining.set(n);
        return this;
    }

    boolean matches(String m, String p) {
        return (method == null || method.equalsIgnoreCase(m)) && path.matcher(p).matches() && remaining.get() > 0;
    }

    boolean consume() {
        return remaining.getAndDecrement() > 0;
    }
}
