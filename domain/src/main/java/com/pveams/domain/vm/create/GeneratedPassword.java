package com.pveams.domain.vm.create;

import java.util.random.RandomGenerator;

/** A guest password for a request without one: 16 letters and digits with at least one lower, upper and digit. */
public final class GeneratedPassword {
    public static final int LENGTH = 16;
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";
    private static final String ALL = LOWER + UPPER + DIGITS;

    private GeneratedPassword() {
    }

    public static String next(RandomGenerator random) {
        char[] c = new char[LENGTH];
        c[0] = pick(LOWER, random);
        c[1] = pick(UPPER, random);
        c[2] = pick(DIGITS, random);
        for (int i = 3; i < LENGTH; i++) {
            c[i] = pick(ALL, random);
        }
        for (int i = LENGTH - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char t = c[i];
            c[i] = c[j];
            c[j] = t;
        }
        return new String(c);
    }

    private static char pick(String from, RandomGenerator random) {
        return from.charAt(random.nextInt(from.length()));
    }
}
