package com.pveams.application.port.out.hypervisor;

/** One line of a task log; {@code n} counts from 1. */
public record TaskLogLine(int n, String text) {
}
