package com.pveams.application.config;

import java.time.Duration;

/** Tunables of authentication, supplied by the bootstrap module from configuration. */
public record AccessPolicy(int loginMaxFailuresPerUsername, int loginMaxFailuresPerAddress, Duration loginFailureWindow) {
}
