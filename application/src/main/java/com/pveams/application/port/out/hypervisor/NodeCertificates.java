package com.pveams.application.port.out.hypervisor;

/** Reads a node's TLS certificate without trusting it, for trust on first use at node registration. */
public interface NodeCertificates {

    /** Connects to host:port, completes a TLS handshake and reports the certificate; no credentials are sent. */
    CertificateProbe probeCertificate(String host, int port);
}
