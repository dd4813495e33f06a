package com.pveams.adapters.ssh;

import com.pveams.adapters.ssh.emulator.NodeEmulator;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostKeyPinningTest {

    @Test
    void fingerprintsMatchWhatOpenSshStyleToolsPrint() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        for (KeyPair key : new KeyPair[] {NodeEmulator.generateHostKey(), rsa.generateKeyPair()}) {
            assertEquals(KeyUtils.getFingerPrint(key.getPublic()), HostKeyPinning.fingerprint(key.getPublic()));
        }
    }

    @Test
    void verifiesOnlyThePinnedKeyAndRemembersWhatWasPresented() {
        KeyPair pinned = NodeEmulator.generateHostKey();
        KeyPair other = NodeEmulator.generateHostKey();
        HostKeyPinning pinning = new HostKeyPinning(HostKeyPinning.fingerprint(pinned.getPublic()) + "=");

        assertTrue(pinning.verify("node", 22, pinned.getPublic()));
        assertTrue(pinning.mismatch().isEmpty());
        assertFalse(pinning.verify("node", 22, other.getPublic()));
        assertEquals(HostKeyPinning.fingerprint(other.getPublic()), pinning.mismatch().orElseThrow());
    }

    @Test
    void refusesMalformedPins() {
        for (String pin : new String[] {"", "MD5:aa:bb", "SHA256:short", "sha256:" + "A".repeat(43)}) {
            assertThrows(IllegalArgumentException.class, () -> new HostKeyPinning(pin), pin);
        }
    }
}
