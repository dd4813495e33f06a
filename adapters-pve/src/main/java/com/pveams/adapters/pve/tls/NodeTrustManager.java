package com.pveams.adapters.pve.tls;

import com.pveams.application.port.out.hypervisor.TlsTrust;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Per-node trust decision. CA delegates to the JVM's default trust manager (chain and host name); PINNED accepts
 * exactly the leaf certificate with the pinned SHA-256 fingerprint (no host name check: PVE's self-signed certificates
 * name the node, and the pin is stronger than a name). There is no mode that accepts anything. Being an
 * {@link X509ExtendedTrustManager}, the JDK does not wrap it with its own host name check.
 */
public final class NodeTrustManager extends X509ExtendedTrustManager {

    private final TlsTrust trust;
    private final X509ExtendedTrustManager system;

    public NodeTrustManager(TlsTrust trust) {
        this.trust = trust;
        this.system = systemTrustManager();
    }

    public static X509ExtendedTrustManager systemTrustManager() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X509ExtendedTrustManager in the default trust manager factory");
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the system trust store", e);
        }
    }

    private void checkPinned(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no server certificate");
        }
        String actual = Fingerprints.sha256(chain[0]);
        if (!actual.equals(trust.sha256Fingerprint())) {
            throw new PinMismatchException(trust.sha256Fingerprint(), actual);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        switch (trust.mode()) {
            case CA -> system.checkServerTrusted(chain, authType, engine);
            case PINNED -> checkPinned(chain);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        switch (trust.mode()) {
            case CA -> system.checkServerTrusted(chain, authType, socket);
            case PINNED -> checkPinned(chain);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        switch (trust.mode()) {
            case CA -> system.checkServerTrusted(chain, authType);
            case PINNED -> checkPinned(chain);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trust.mode() == TlsTrust.Mode.CA ? system.getAcceptedIssuers() : new X509Certificate[0];
    }
}
