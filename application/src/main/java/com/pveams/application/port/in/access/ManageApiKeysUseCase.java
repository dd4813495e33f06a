package com.pveams.application.port.in.access;

import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.time.Instant;

public interface ManageApiKeysUseCase {
    /** Issues a key; the returned appkey is the only time it is ever visible. */
    IssuedApiKey create(String info);

    Page<ApiKeyView> list(PageRequest request);

    void delete(long id);

    void enable(long id);

    void disable(long id);

    record IssuedApiKey(long id, String appId, String appKey, String info, boolean enabled, Instant createdAt) {
    }

    record ApiKeyView(long id, String appId, String maskedAppKey, String info, boolean enabled, Instant createdAt) {
    }
}
