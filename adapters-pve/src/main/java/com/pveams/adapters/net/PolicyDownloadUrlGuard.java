package com.pveams.adapters.net;

import com.pveams.application.port.out.image.DownloadUrlGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The download-target {@link UrlPolicy} offered to the application, so a URL is judged by the same rules (and the
 * same {@code ams.ssh.allow-private-download-targets}) before PVE's {@code download-url} or curl is asked to fetch it.
 * PVE resolves the host again itself; unlike curl it cannot be pinned to the checked address.
 */
@ApplicationScoped
public class PolicyDownloadUrlGuard implements DownloadUrlGuard {
    private final UrlPolicy policy;

    @Inject
    public PolicyDownloadUrlGuard(Instance<UrlPolicy> policy) {
        this(policy.isResolvable() ? policy.get() : UrlPolicy.strict());
    }

    public PolicyDownloadUrlGuard(UrlPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Optional<String> refusal(String url) {
        try {
            policy.check(url);
            return Optional.empty();
        } catch (RefusedUrlException e) {
            return Optional.of(e.getMessage());
        }
    }
}
