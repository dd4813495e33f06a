package com.pveams.application.port.in.access;

import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.time.Instant;

public interface ManageApiKeysUseCase {
    /**
     * Issues a key. With showing keys again switched off ({@code ApiKeyPolicy}), the returned appkey is the only
     * time it is ever visible.
     */
    IssuedApiKey create(String info);

    Page<ApiKeyView> list(PageRequest request);

    void delete(long id);

    void enable(long id);

    void disable(long id);

    record IssuedApiKey(long id, String appId, String appKey, String info, boolean enabled, Instant createdAt) {
    }

    /**
     * @param shownAppKey the full appkey when keys may be shown again and this one was stored encrypted, else its
     *                    masked form (last four characters only)
     */
    record ApiKeyView(long id, String appId, String shownAppKey, String info, boolean enabled, Instant createdAt) {
    }
}
