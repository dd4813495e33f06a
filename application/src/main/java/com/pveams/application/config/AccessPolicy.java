package com.pveams.application.config;

import com.pveams.domain.access.LoginLimits;

import java.time.Duration;

/** Tunables of authentication, supplied by the bootstrap module from configuration. */
public record AccessPolicy(int loginMaxFailuresPerUsernameAndAddress, int loginMaxFailuresPerAddress,
                           int loginSlowdownAfterFailuresPerUsername, Duration loginSlowdownInitialDelay,
                           Duration loginSlowdownMaxDelay, Duration loginFailureWindow) {
    public LoginLimits loginLimits() {
        return new LoginLimits(loginMaxFailuresPerUsernameAndAddress, loginMaxFailuresPerAddress,
                loginSlowdownAfterFailuresPerUsername, loginSlowdownInitialDelay, loginSlowdownMaxDelay,
                loginFailureWindow);
    }
}
