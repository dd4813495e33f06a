package com.pveams.adapters.pve.mapping;

import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Conflict;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import com.pveams.application.port.out.hypervisor.TaskExit;
import com.pveams.domain.access.SecretFields;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a PVE error answer into a typed {@link HypervisorException}. PVE reports parameter errors as 400 with an
 * {@code errors} object, missing/expired auth as 401, permission as 403, and most other failures as 500 with a
 * message ("VM 218 already exists", "can't lock file … got timeout", "Configuration file … does not exist",
 * "only root can set 'args'"). 595/596 come from pveproxy when it cannot reach the target node.
 */
public final class PveErrorMapper {

    private PveErrorMapper() {
    }

    public static HypervisorException map(int status, String message, Map<String, String> errors, String what) {
        String msg = message == null || message.isBlank() ? "HTTP " + status : message.strip();
        String lower = msg.toLowerCase(Locale.ROOT);
        String prefix = what + ": ";
        if (status == 400 && errors != null && !errors.isEmpty()) {
            Map<String, String> sorted = new TreeMap<>(errors);
            StringBuilder sb = new StringBuilder(prefix).append("PVE rejected parameters: ");
            boolean first = true;
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                if (!first) {
                    sb.append("; ");
                }
                first = false;
                String reason = SecretFields.isSecret(e.getKey()) ? "invalid value (hidden)"
                        : e.getValue().strip();
                sb.append(e.getKey()).append(": ").append(reason);
            }
            return new HypervisorException(Kind.VALIDATION, sorted.keySet().iterator().next(), status,
                    sb.toString(), null);
        }
        Kind kind = switch (status) {
            case 400 -> classify500(lower, Kind.VALIDATION);
            case 401 -> Kind.AUTH;
            case 403 -> Kind.PERMISSION;
            case 404 -> Kind.NOT_FOUND;
            case 501 -> Kind.PROTOCOL;
            case 595, 596, 599 -> Kind.UNREACHABLE;
            default -> status >= 500 ? classify500(lower, Kind.RETRYABLE) : Kind.PROTOCOL;
        };
        Conflict conflict = kind == Kind.CONFLICT ? conflictOf(lower) : Conflict.NONE;
        return new HypervisorException(kind, conflict, null, status, prefix + msg, null);
    }

    private static Conflict conflictOf(String lower) {
        if (lower.contains("already exists")) {
            return Conflict.ALREADY_EXISTS;
        }
        if (TaskExit.lockTimeout(lower)) {
            return Conflict.LOCK_TIMEOUT;
        }
        if (lower.contains("modified configuration")) {
            return Conflict.MODIFIED;
        }
        return Conflict.WRONG_STATE;
    }

    private static Kind classify500(String lower, Kind otherwise) {
        if (lower.contains("only root can") || lower.contains("permission check failed")
                || lower.contains("permission denied")) {
            return Kind.PERMISSION;
        }
        if (lower.contains("already exists") || TaskExit.lockTimeout(lower) || lower.contains("is locked") || lower.contains("already running") || lower.contains("not running")
                || lower.contains("is running") || lower.contains("modified configuration")) {
            return Kind.CONFLICT;
        }
        if (lower.contains("does not exist") || lower.contains("no such") || lower.contains("not found")) {
            return Kind.NOT_FOUND;
        }
        return otherwise;
    }
}
