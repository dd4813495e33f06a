package com.pveams.application.port.out;

/** An adaptive, salted password hash (bcrypt or similar). */
public interface PasswordHasher {
    String hash(String rawPassword);

    boolean matches(String rawPassword, String hash);
}
