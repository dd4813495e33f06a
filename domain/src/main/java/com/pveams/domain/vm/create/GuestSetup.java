package com.pveams.domain.vm.create;

import com.pveams.domain.catalog.OsCatalog;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.settings.DefaultDiskSizes;
import com.pveams.domain.vm.GuestPassword;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The guest side of a create (legacy-behavior §5.2 steps 16–19): OS type, login, password and system disk size.
 *
 * @param osType one of {@link OsCatalog#OS_TYPES}
 * @param systemDiskGb never smaller than the image
 */
public record GuestSetup(String osType, String username, GuestPassword password, int systemDiskGb) {
    public static final int USERNAME_MAX = 64;
    private static final long GIB = 1024L * 1024 * 1024;

    /**
     * @param requestedDiskGb the flavour's or request's size, null for the system default of the image's kind
     * @param random          a {@code SecureRandom} in production
     */
    public static GuestSetup resolve(String osType, String username, String password, Integer requestedDiskGb,
                                     ImageFacts image, DefaultDiskSizes defaults, RandomGenerator random) {
        String type = osType(osType == null || osType.isBlank() ? image.kind() : osType);
        String user = username == null || username.isBlank() ? (image.windows() ? "administrator" : "root") : username.strip();
        if (user.length() > USERNAME_MAX || !user.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ',' && c != '=')) {
            throw DomainException.invalid("username", "只能包含可见 ASCII 字符（不含逗号和等号），最长 " + USERNAME_MAX,
                    "must be at most " + USERNAME_MAX + " visible ASCII characters other than comma and equals sign");
        }
        GuestPassword pw = password == null || password.isEmpty()
                ? GuestPassword.of(GeneratedPassword.next(random), "password") : GuestPassword.of(password, "password");
        int disk = requestedDiskGb != null ? requestedDiskGb : image.windows() ? defaults.windowsGb() : defaults.linuxGb();
        if (disk < 1 || disk > DefaultDiskSizes.MAX_GB) {
            throw DomainException.invalid("systemDiskSize", "必须在 1 到 " + DefaultDiskSizes.MAX_GB + " 之间",
                    "must be between 1 and " + DefaultDiskSizes.MAX_GB);
        }
        if (image.sizeBytes() != null && disk * GIB < image.sizeBytes()) {
            long needed = (image.sizeBytes() + GIB - 1) / GIB;
            throw DomainException.invalid("systemDiskSize", "不能小于镜像大小 " + needed + " GB",
                    "must not be smaller than the image (" + needed + " GB)");
        }
        return new GuestSetup(type, user, pw, disk);
    }

    /** Legacy: {@code debian}/{@code ubuntu} are Linux, anything unknown is {@code other}. */
    static String osType(String raw) {
        String t = raw == null ? "other" : raw.strip().toLowerCase(Locale.ROOT);
        if (t.equals("debian") || t.equals("ubuntu")) {
            return "linux";
        }
        return OsCatalog.OS_TYPES.contains(t) ? t : "other";
    }
}
