package com.pveams.application.port.in.vm;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.reservation.IdempotencyKey;
import com.pveams.domain.vm.create.VmRequest;

/**
 * @param caller         who asks ({@code api:<appid>}, {@code admin:<username>}): scope of the idempotency key
 * @param idempotencyKey the {@code Idempotency-Key} header, or null (the legacy clients send none)
 * @param awaitBuild     wait for the build as the public endpoint does (the admin one answers at once)
 */
public record CreateVmCommand(VmRequest request, String caller, String idempotencyKey, boolean awaitBuild) {
    public CreateVmCommand {
        if (request == null) {
            throw new DomainException(com.pveams.domain.error.ErrorCode.DATA_ERROR, "body", "缺少请求体", "the body is missing");
        }
        if (caller == null || caller.isBlank()) {
            throw new IllegalArgumentException("caller");
        }
        if (idempotencyKey != null) {
            IdempotencyKey.of(caller, idempotencyKey);
        }
    }
}
