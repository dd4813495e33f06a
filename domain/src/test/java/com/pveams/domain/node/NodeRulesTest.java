package com.pveams.domain.node;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeRulesTest {
    private static final String FP = "AB:".repeat(31) + "AB";
    private static final HostKeyFingerprint KEY = new HostKeyFingerprint("SHA256:" + "A".repeat(43));

    private static String field(Runnable r) {
        DomainException e = assertThrows(DomainException.class, r::run);
        assertEquals(ErrorCode.VALID_DATA_ERROR, e.code());
        return e.field().orElseThrow();
    }

    @Test
    void hostsAreNamesOrIpLiteralsOnly() {
        assertEquals("pve.example.org", HostAddress.of(" pve.example.org ", "host").value());
        assertEquals("192.0.2.10", HostAddress.of("192.0.2.10", "host").value());
        assertEquals("2001:db8::1", HostAddress.of("[2001:DB8::1]", "host").value());
        assertEquals("host", field(() -> HostAddress.of("https://pve.example.org", "host")));
        assertEquals("host", field(() -> HostAddress.of("pve.example.org:8006", "host")));
        assertEquals("host", field(() -> HostAddress.of("a b", "host")));
        assertEquals("host", field(() -> HostAddress.of("300.1.1.1", "host")));
        assertEquals("host", field(() -> HostAddress.of("-bad.example", "host")));
        assertEquals("sshHost", field(() -> HostAddress.of("", "sshHost")));
    }

    @Test
    void portsAreInRangeWithDefaults() {
        assertEquals(8006, Ports.orDefault(null, 8006, "port"));
        assertEquals("port", field(() -> Ports.orDefault(0, 8006, "port")));
        assertEquals("sshPort", field(() -> Ports.orDefault(65536, 22, "sshPort")));
    }

    @Test
    void pveLoginReadsTheLegacyFieldsAndTokenIds() {
        PveLogin plain = PveLogin.of("root", null, null);
        assertEquals(new PveLogin(PveAuthKind.PASSWORD, "root", "pam", null), plain);
        assertEquals("root@pam", plain.userId());
        assertEquals("ops@pve", PveLogin.of("ops@pve", "", null).userId());
        PveLogin token = PveLogin.of("root@pam!ams", null, null);
        assertEquals(PveAuthKind.TOKEN, token.kind());
        assertEquals("ams", token.tokenId());
        assertEquals(token, PveLogin.of("root", "pam", "ams"));
        assertEquals("realm", field(() -> PveLogin.of("root@pam", "pve", null)));
        assertEquals("tokenId", field(() -> PveLogin.of("root@pam!a1", null, "b2")));
        assertEquals("tokenId", field(() -> PveLogin.of("root", "pam", "1bad")));
        assertEquals("realm", field(() -> PveLogin.of("root", "p/m", null)));
        assertEquals("username", field(() -> PveLogin.of("ro ot", null, null)));
        assertEquals("username", field(() -> PveLogin.of(" ", null, null)));
    }

    @Test
    void pveNodeNamesFollowPve() {
        assertNull(PveNodeName.optional(" ", "nodeName"));
        assertEquals("pve-1", PveNodeName.optional("pve-1", "nodeName").value());
        assertEquals("nodeName", field(() -> PveNodeName.optional("pve.1", "nodeName")));
        assertEquals("nodeName", field(() -> PveNodeName.optional("-pve", "nodeName")));
    }

    @Test
    void sshSettingsDefaultToRootOnPort22OfTheApiHost() {
        SshSettings s = SshSettings.of(null, null, null, SshAuthKind.PASSWORD);
        assertEquals(22, s.port());
        assertEquals("root", s.username());
        HostAddress api = HostAddress.of("192.0.2.1", "host");
        assertEquals(api, s.effectiveHost(api));
        assertEquals("sshUsername", field(() -> SshSettings.of(null, 22, "root;id", SshAuthKind.PASSWORD)));
        assertEquals("sshPort", field(() -> SshSettings.of(null, -1, "root", SshAuthKind.PASSWORD)));
    }

    @Test
    void secretInputsKeepTheStoredSecretForTheMaskOrNothing() {
        assertFalse(SecretInput.of(null).replaces());
        assertFalse(SecretInput.of("").replaces());
        assertFalse(SecretInput.of(SecretInput.MASK).replaces());
        assertTrue(SecretInput.of("new-secret").replaces());
        assertFalse(SecretInput.of("new-secret").toString().contains("new-secret"));
    }

    @Test
    void fingerprintsAreNormalisedOrRefused() {
        assertEquals(FP, TlsPin.parseFingerprint(FP.replace(":", "").toLowerCase(), "tlsFingerprint"));
        assertEquals("tlsFingerprint", field(() -> TlsPin.parseFingerprint("AB:CD", "tlsFingerprint")));
        assertThrows(IllegalArgumentException.class, () -> new TlsPin(TlsPin.Mode.PINNED, null));
        assertEquals("sshHostKey", field(() -> HostKeyFingerprint.optional("MD5:aa", "sshHostKey")));
    }

    @Test
    void onlyConnectionChangesAskForAnotherCheck() {
        Node node = node();
        Node.Rechecks cosmetic = node.reconfigure(edit(node.connection(), false, false, null));
        assertFalse(cosmetic.any());

        ConnectionSettings c = node.connection();
        ConnectionSettings newPort = new ConnectionSettings(c.host(), 8007, c.pveNodeName(), c.login(), c.ssh());
        Node.Rechecks r = node().reconfigure(edit(newPort, false, false, null));
        assertTrue(r.pve());
        assertTrue(r.certificate());
        assertFalse(r.ssh());
        assertFalse(r.hostKey(), "the SSH address did not change");

        Node.Rechecks secret = node().reconfigure(edit(c, true, false, null));
        assertEquals(new Node.Rechecks(true, false, false, false), secret);

        ConnectionSettings newSshUser = new ConnectionSettings(c.host(), c.apiPort(), c.pveNodeName(), c.login(),
                SshSettings.of(null, 22, "admin", SshAuthKind.PASSWORD));
        assertEquals(new Node.Rechecks(false, true, false, false), node().reconfigure(edit(newSshUser, false, false, null)));

        // moving the API host moves the default SSH host with it
        ConnectionSettings newHost = new ConnectionSettings(HostAddress.of("192.0.2.99", "host"), c.apiPort(),
                c.pveNodeName(), c.login(), c.ssh());
        assertEquals(new Node.Rechecks(true, true, true, true), node().reconfigure(edit(newHost, false, false, null)));

        ConnectionSettings token = new ConnectionSettings(c.host(), c.apiPort(), c.pveNodeName(),
                PveLogin.of("root@pam!ams", null, null), c.ssh());
        assertTrue(node().reconfigure(edit(token, false, false, null)).pve());
    }

    @Test
    void statusFollowsChecksUnlessDisabled() {
        Node node = node();
        assertEquals(NodeState.ONLINE, node.state());
        assertEquals(ShellState.REACHABLE, node.shellState());
        assertTrue(node.recordApiCheck(false));
        assertEquals(NodeState.OFFLINE, node.state());
        assertFalse(node.recordApiCheck(false));
        assertTrue(node.recordApiCheck(true));
        assertTrue(node.recordShellCheck(false));
        assertEquals(ShellState.UNREACHABLE, node.shellState());

        node.applyAdminState(NodeState.requestedByAdmin(2));
        assertEquals(NodeState.DISABLED, node.state());
        assertFalse(node.monitored());
        assertFalse(node.recordApiCheck(true));
        assertEquals(NodeState.DISABLED, node.state());
        node.applyAdminState(NodeState.requestedByAdmin(0));
        assertEquals(NodeState.OFFLINE, node.state(), "back in service, but not yet seen answering");
        assertEquals("status", field(() -> NodeState.requestedByAdmin(3)));
        assertNull(NodeState.requestedByAdmin(null));
    }

    @Test
    void natNeedsItsBridgeWhileOn() {
        NatSettings on = new NatSettings(true, "vmbr1", "nat.example.org");
        assertEquals("natbridge", field(() -> on.edit("", null)));
        assertEquals("vmbr2", on.edit("vmbr2", null).bridge());
        assertEquals("nat.example.org", on.edit(null, null).publicAddress());
        assertNull(NatSettings.off().edit(null, "").publicAddress());
        assertEquals("natbridge", field(() -> NatSettings.off().edit("br;x", null)));
    }

    @Test
    void vmidSpaceIsTheClusterOrTheNodeItself() {
        Node a = node();
        assertEquals("node:192.0.2.1:8006/pve1", a.vmidSpace());
        a.recordCluster("prod");
        assertEquals("cluster:prod", a.vmidSpace());
    }

    @Test
    void loadHistoryAcceptsPveEnumsOnly() {
        assertEquals(new LoadHistory(LoadHistory.Timeframe.HOUR, LoadHistory.Consolidation.AVERAGE), LoadHistory.of(null, null));
        assertEquals(LoadHistory.Timeframe.WEEK, LoadHistory.of("week", "MAX").timeframe());
        assertEquals("timeframe", field(() -> LoadHistory.of("minute", null)));
        assertEquals("cf", field(() -> LoadHistory.of("day", "MIN")));
    }

    @Test
    void storageSettingsAreSafeForShellAndPve() {
        assertEquals("/home/images", NodeStorage.imageDir(null, null));
        assertEquals("/srv/img", NodeStorage.imageDir("/srv/img/", null));
        assertEquals("imageDir", field(() -> NodeStorage.imageDir("/srv/../etc", null)));
        assertEquals("imageDir", field(() -> NodeStorage.imageDir("relative", null)));
        assertEquals("backupStorage", field(() -> NodeStorage.storageId("Bad Id", "backupStorage")));
        assertEquals("name", field(() -> NodeName.of("x".repeat(65))));
        assertEquals("pve1@192.0.2.1", NodeName.orDefault(null, new PveNodeName("pve1"), HostAddress.of("192.0.2.1", "host")).value());
    }

    private static Node.Edit edit(ConnectionSettings c, boolean apiSecret, boolean sshSecret, NodeState state) {
        return new Node.Edit(NodeName.of("renamed"), 7L, c, apiSecret, sshSecret, state, NatSettings.off(),
                "/home/images", null);
    }

    private static Node node() {
        ConnectionSettings c = new ConnectionSettings(HostAddress.of("192.0.2.1", "host"), 8006,
                new PveNodeName("pve1"), PveLogin.of("root", "pam", null),
                SshSettings.of(null, 22, "root", SshAuthKind.PASSWORD));
        return Node.register(NodeName.of("n1"), null, c, new TlsPin(TlsPin.Mode.PINNED, FP), KEY, null,
                null, "/home/images", null, Instant.EPOCH);
    }
}
