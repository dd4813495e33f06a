package com.pveams.domain.console;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

import java.time.Instant;
import java.util.Objects;

/**
 * A console front-end (legacy "VNC controller", {@code vncnode}): the public address through which users open
 * the web console of their VMs. The console feature hands out one URL per active front-end, keyed by name, so
 * names are unique; the address parts are validated here because they end up inside those URLs.
 */
public final class VncController {
    public static final int NAME_MAX = 64;

    private final Long id;
    private String name;
    private final Long nodeId;
    private String host;
    private int port;
    private String domain;
    private ConsoleProtocol protocol;
    private boolean active;
    private final Instant createdAt;

    public VncController(Long id, String name, Long nodeId, String host, int port, String domain,
                         ConsoleProtocol protocol, boolean active, Instant createdAt) {
        this.id = id;
        this.name = requireName(name);
        this.nodeId = nodeId;
        this.host = HostName.require("host", host);
        this.port = requirePort(port);
        this.domain = HostName.optional("domain", domain);
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.active = active;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A front-end an operator adds by hand (not tied to a node). */
    public static VncController create(String name, String host, int port, String domain, ConsoleProtocol protocol,
                                       boolean active, Instant now) {
        return new VncController(null, name, null, host, port, domain, protocol, active, now);
    }

    /** Applies an operator's edit: every field of the patch that is present replaces the current value. */
    public void apply(Patch patch) {
        if (patch.name() != null) {
            name = patch.name();
        }
        if (patch.host() != null) {
            host = patch.host();
        }
        if (patch.port() != null) {
            port = patch.port();
        }
        if (patch.domain() != null) {
            domain = patch.domain().isEmpty() ? null : patch.domain();
        }
        if (patch.protocol() != null) {
            protocol = patch.protocol();
        }
        if (patch.active() != null) {
            active = patch.active();
        }
    }

    /** The host users' browsers are sent to: the public domain when there is one, else the host itself. */
    public String publicHost() {
        return domain != null ? domain : host;
    }

    /** Legacy status: 0 = active, 1 = inactive. */
    public int statusCode() {
        return active ? 0 : 1;
    }

    /**
     * An edit whose fields are already validated; null means "keep". {@code domain} "" means "clear it"
     * (fall back to the host), because null already means "keep".
     */
    public record Patch(String name, String host, Integer port, String domain, ConsoleProtocol protocol, Boolean active) {
        public Patch {
            name = name == null ? null : requireName(name);
            host = host == null ? null : HostName.require("host", host);
            port = port == null ? null : requirePort(port);
            domain = domain == null ? null : domain.isBlank() ? "" : HostName.require("domain", domain);
        }
    }

    public static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw DomainException.required("name");
        }
        String n = name.strip();
        if (n.codePointCount(0, n.length()) > NAME_MAX) {
            throw DomainException.invalid("name", "长度不能超过 " + NAME_MAX, "must be at most " + NAME_MAX + " characters");
        }
        if (n.codePoints().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("name", "不能包含控制字符", "must not contain control characters");
        }
        return n;
    }

    public static int requirePort(Integer port) {
        if (port == null) {
            throw DomainException.required("port");
        }
        if (port < 1 || port > 65535) {
            throw DomainException.invalid("port", "必须在 1 到 65535 之间", "must be between 1 and 65535");
        }
        return port;
    }

    /** Reads the legacy status code (0 active, 1 inactive); null when absent. */
    public static Boolean activeFromStatus(Integer status) {
        if (status == null) {
            return null;
        }
        if (status == 0 || status == 1) {
            return status == 0;
        }
        throw DomainException.invalid("status", "只能是 0（启用）或 1（停用）", "must be 0 (active) or 1 (inactive)");
    }

    public static DomainException duplicateName() {
        return DomainException.failure("该VNC控制器名称已存在", "A VNC controller with this name already exists");
    }

    public static DomainException notFound() {
        return new DomainException(ErrorCode.VNC_NODE_NOT_EXIST);
    }

    public Long id() { return id; }
    public String name() { return name; }
    public Long nodeId() { return nodeId; }
    public String host() { return host; }
    public int port() { return port; }
    public String domain() { return domain; }
    public ConsoleProtocol protocol() { return protocol; }
    public boolean active() { return active; }
    public Instant createdAt() { return createdAt; }
}
