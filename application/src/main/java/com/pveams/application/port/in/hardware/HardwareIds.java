package com.pveams.application.port.in.hardware;

import com.pveams.domain.error.DomainException;

/** Ids commands carry: present and positive, or an error naming the field. */
public final class HardwareIds {
    private HardwareIds() {
    }

    public static long require(String field, Long id) {
        if (id == null) {
            throw DomainException.required(field);
        }
        if (id < 1) {
            throw DomainException.invalid(field, "必须是正整数", "must be a positive integer");
        }
        return id;
    }
}
