package com.pveams.adapters.pve.tls;

import com.pveams.application.port.out.hypervisor.TlsTrust;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** Builds one SSLContext per node trust setting; never touches JVM-wide defaults. */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static SSLContext forTrust(TlsTrust trust) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new NodeTrustManager(trust)}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create TLS context", e);
        }
    }
}
