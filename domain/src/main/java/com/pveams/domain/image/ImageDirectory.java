package com.pveams.domain.image;

import com.pveams.domain.error.DomainException;

import java.util.List;

/**
 * The directory on the nodes that holds an image file ({@code path} in the API). Empty or {@code default} means
 * {@value #DEFAULT}. It is absolute, without {@code ..} or empty segments, and never a system directory: files are
 * downloaded there and deleted from there as root.
 */
public record ImageDirectory(String value) {
    public static final String DEFAULT = "/home/images";
    private static final List<String> SYSTEM = List.of("/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc",
            "/root", "/run", "/sbin", "/sys", "/usr", "/var/lib/pve-cluster", "/var/log");

    public ImageDirectory {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("default")) {
            value = DEFAULT;
        }
        value = value.strip();
        while (value.length() > 1 && value.endsWith("/")) {
            value = value.substring(0, value.length() - 1); // the legacy "/home/images/" is the same directory
        }
        if (!value.startsWith("/") || value.length() > 255 || value.contains("//")
                || value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw DomainException.invalid("path", "必须是绝对路径", "must be an absolute directory");
        }
        for (String segment : value.substring(1).split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw DomainException.invalid("path", "不能包含 . 或 .. 段", "must not contain . or .. segments");
            }
        }
        String v = value;
        if (v.equals("/") || SYSTEM.stream().anyMatch(s -> v.equals(s) || v.startsWith(s + "/"))) {
            throw DomainException.invalid("path", "不能是系统目录", "must not be a system directory");
        }
    }

    public static ImageDirectory of(String raw) {
        return new ImageDirectory(raw);
    }
}
