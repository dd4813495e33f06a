package com.pveams.application.port.out;

import com.pveams.domain.access.ApiKey;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.Optional;

public interface ApiKeyRepository {
    /** Inserts the key unless its appid is taken; empty when taken. */
    Optional<ApiKey> insertIfAppIdFree(ApiKey key);

    Optional<ApiKey> findById(long id);

    Optional<ApiKey> findByAppId(String appId);

    Page<ApiKey> page(PageRequest request);

    void updateEnabled(ApiKey key);

    boolean delete(long id);
}
