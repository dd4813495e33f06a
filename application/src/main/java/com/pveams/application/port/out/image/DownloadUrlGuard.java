package com.pveams.application.port.out.image;

import java.util.Optional;

/**
 * The SSRF policy for image downloads, asked before PVE or a node is told to fetch a URL: only http(s) to public
 * addresses (unless private targets are allowed by configuration). The SSH shell applies it again itself.
 */
public interface DownloadUrlGuard {
    /** Why the URL may not be fetched, or empty when it may. */
    Optional<String> refusal(String url);
}
