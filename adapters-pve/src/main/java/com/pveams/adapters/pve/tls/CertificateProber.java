package com.pveams.adapters.pve.tls;

import com.pveams.application.port.out.hypervisor.CertificateProbe;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.SSLEngine;

/**
 * Completes a TLS handshake with a node while only <em>recording</em> its certificate chain, then asks the system
 * trust store (with host name check) whether it would have trusted it. Sends no application data.
 */
public final class CertificateProber {

    private final Duration timeout;

    public CertificateProber(Duration timeout) {
        this.timeout = timeout;
    }

    public CertificateProbe probe(String host, int port) {
        AtomicReference<X509Certificate[]> seen = new AtomicReference<>();
        AtomicReference<Boolean> systemTrusted = new AtomicReference<>(false);
        X509ExtendedTrustManager system = NodeTrustManager.systemTrustManager();
        X509ExtendedTrustManager recorder = new X509ExtendedTrustManager() {
            private void record(X509Certificate[] chain, String authType, Socket socket) {
                seen.set(chain);
                try {
                    system.checkServerTrusted(chain, authType, socket);
                    systemTrusted.set(true);
                } catch (CertificateException | RuntimeException e) {
                    systemTrusted.set(false);
                }
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                record(chain, authType, socket);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                seen.set(chain);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen.set(chain);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException {
                throw new CertificateException("not a server");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException {
                throw new CertificateException("not a server");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException {
                throw new CertificateException("not a server");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {recorder}, new SecureRandom());
            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                raw.setSoTimeout((int) timeout.toMillis());
                try (SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, false)) {
                    SSLParameters params = ssl.getSSLParameters();
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                    ssl.setSSLParameters(params);
                    ssl.startHandshake();
                }
            }
        } catch (UnknownHostException | ConnectException | SocketTimeoutException e) {
            throw new HypervisorException(Kind.UNREACHABLE, null, 0,
                    "cannot reach " + host + ":" + port + ": " + e.getClass().getSimpleName(), e);
        } catch (IOException | java.security.GeneralSecurityException e) {
            if (seen.get() == null) {
                throw new HypervisorException(Kind.UNREACHABLE, null, 0,
                        "TLS handshake with " + host + ":" + port + " failed: " + e.getMessage(), e);
            }
        }
        X509Certificate[] chain = seen.get();
        if (chain == null || chain.length == 0) {
            throw new HypervisorException(Kind.PROTOCOL, "node " + host + ":" + port + " sent no certificate");
        }
        X509Certificate leaf = chain[0];
        return new CertificateProbe(Fingerprints.sha256(leaf), systemTrusted.get(),
                leaf.getSubjectX500Principal().getName(), leaf.getIssuerX500Principal().getName(),
                leaf.getNotAfter().toInstant());
    }
}
