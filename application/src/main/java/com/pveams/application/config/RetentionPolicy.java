package com.pveams.application.config;

import java.time.Duration;

/** How long housekeeping keeps records that only grow. */
public record RetentionPolicy(Duration auditLog) {
}
