package com.pveams.adapters.ssh;

import com.pveams.application.port.out.image.DownloadUrlGuard;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The SSH shell's {@link UrlPolicy} offered to the application, so that a URL is judged by the same rules (and the
 * same {@code ams.ssh.allow-private-download-targets}) before PVE's {@code download-url} is asked to fetch it. PVE
 * resolves the host again itself; unlike curl it cannot be pinned to the checked address.
 */
@ApplicationScoped
public class PolicyDownloadUrlGuard implements DownloadUrlGuard {
    private final UrlPolicy policy;

    @Inject
    public PolicyDownloadUrlGuard(Instance<SshNodeShellConfig> config) {
        this(new UrlPolicy((config.isResolvable() ? config.get() : SshNodeShellConfig.defaults()).allowPrivateDownloadTargets(),
                UrlPolicy.SYSTEM_RESOLVER));
    }

    public PolicyDownloadUrlGuard(UrlPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Optional<String> refusal(String url) {
        try {
            policy.check(url);
            return Optional.empty();
        } catch (NodeShellException e) {
            String m = e.getMessage();
            String prefix = e.kind() + ": ";
            return Optional.of(m != null && m.startsWith(prefix) ? m.substring(prefix.length()) : String.valueOf(m));
        }
    }
}
