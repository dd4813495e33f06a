package com.pveams.application.port.in.node;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.node.HostKeyFingerprint;
import com.pveams.domain.node.SecretInput;
import com.pveams.domain.node.TlsPin;

import java.util.Objects;

/**
 * An edit of a node: the form as sent, with its id. Absent fields keep their stored values and secret fields
 * follow {@link SecretInput} (the mask keeps the secret), because the admin UI sends back what the list showed.
 * The other fields are validated by the service against the stored node, which knows what "absent" falls back to.
 */
public record UpdateNodeCommand(long id, NodeForm form, SecretInput apiSecret, SecretInput sshSecret,
                                boolean sshPrivateKey, String expectedTlsFingerprint, HostKeyFingerprint expectedHostKey) {

    public UpdateNodeCommand {
        Objects.requireNonNull(form, "form");
        if (id < 1) {
            throw DomainException.invalid("id", "必须是正整数", "must be a positive integer");
        }
    }

    public static UpdateNodeCommand of(Long id, NodeForm form) {
        if (form == null) {
            throw DomainException.required("body");
        }
        if (id == null) {
            throw DomainException.required("id");
        }
        boolean key = SecretInput.of(form.sshPrivateKey()).replaces();
        return new UpdateNodeCommand(id, form, SecretInput.of(form.password()),
                key ? SecretInput.of(form.sshPrivateKey()) : SecretInput.of(form.sshPassword()), key,
                TlsPin.parseFingerprint(form.tlsFingerprint(), "tlsFingerprint"),
                HostKeyFingerprint.optional(form.sshHostKey(), "sshHostKey"));
    }

    @Override
    public String toString() {
        return "UpdateNodeCommand[" + id + "]";
    }
}
