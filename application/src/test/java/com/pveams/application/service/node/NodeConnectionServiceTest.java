package com.pveams.application.service.node;

import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.crypto.UndecryptableSecretException;
import com.pveams.application.config.NodeCachePolicy;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import com.pveams.application.port.out.node.NodeChangeFeed;
import com.pveams.application.port.out.node.NodeConnections.NodeAccess;
import com.pveams.application.port.out.node.NodeRegions;
import com.pveams.application.port.out.node.NodeRepository;
import com.pveams.application.port.out.node.NodeRepository.StoredNode;
import com.pveams.application.port.out.nodeshell.SshCredentials;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.node.ConnectionSettings;
import com.pveams.domain.node.HostAddress;
import com.pveams.domain.node.HostKeyFingerprint;
import com.pveams.domain.node.Node;
import com.pveams.domain.node.NodeName;
import com.pveams.domain.node.NodeState;
import com.pveams.domain.node.PveLogin;
import com.pveams.domain.node.PveNodeName;
import com.pveams.domain.node.SshAuthKind;
import com.pveams.domain.node.SshSettings;
import com.pveams.domain.node.TlsPin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one way other slices reach a node: what they get, and what an unreadable secret or missing pin leaves out. */
class NodeConnectionServiceTest {
    private static final HostKeyFingerprint KEY = new HostKeyFingerprint("SHA256:" + "A".repeat(43));
    private final Map<Long, StoredNode> rows = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private NodeChangeFeed.Listener feed;
    private final NodeAccessCache cache = new NodeAccessCache(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            new NodeCachePolicy(Duration.ofSeconds(60), 100), l -> feed = l);
    private final NodeConnectionService connections = new NodeConnectionService(
            new NodeStore(repository(), regions(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)), new PrefixCipher(), cache);

    @BeforeEach
    void connectFeed() {
        feed.connected();
    }

    @Test
    void aNodeIsReadAndDecryptedOnceUntilItChanges() {
        rows.put(7L, new StoredNode(node(7, NodeState.ONLINE, KEY), enc("pve-secret"), null, null));
        rows.put(8L, new StoredNode(node(8, NodeState.ONLINE, KEY), enc("pve-secret"), null, null));
        connections.connect(7);
        assertEquals(Map.of(7L, true, 8L, true), online(connections.findAll(List.of(7L, 8L))));
        connections.connect(7);
        assertEquals(2, reads.get(), "node 7 once, then node 8 alone");

        rows.put(7L, new StoredNode(node(7, NodeState.DISABLED, KEY), enc("new-secret"), null, null));
        feed.nodeChanged(7);
        NodeAccess changed = connections.connect(7);
        assertFalse(changed.online());
        assertEquals("new-secret", ((NodeAuth.Password) changed.api().orElseThrow().auth()).password());
        assertEquals(3, reads.get());
        assertTrue(connections.findAll(List.of()).isEmpty());
        assertEquals(3, reads.get(), "no ids, no read");
    }

    private static Map<Long, Boolean> online(Map<Long, NodeAccess> found) {
        Map<Long, Boolean> out = new HashMap<>();
        found.forEach((id, a) -> out.put(id, a.online()));
        return out;
    }

    @Test
    void givesBothEndpointsWithDecryptedSecretsPinsAndTheImageDirectory() {
        rows.put(7L, new StoredNode(node(7, NodeState.ONLINE, KEY), enc("pve-secret"), enc("ssh-secret"), null));
        NodeAccess a = connections.connect(7);
        assertEquals(7, a.nodeId());
        assertEquals("n1", a.name());
        assertTrue(a.online());
        assertEquals("pve1", a.api().orElseThrow().nodeName());
        assertEquals("pve-secret", ((NodeAuth.Password) a.api().orElseThrow().auth()).password());
        assertEquals("ssh-secret", ((SshCredentials.Password) a.ssh().orElseThrow().credentials()).password());
        assertEquals(KEY.value(), a.ssh().orElseThrow().hostKeyFingerprint());
        assertEquals("/home/images", a.ssh().orElseThrow().imageDirectory());
        assertEquals("/srv/iso", a.sshIn("/srv/iso").orElseThrow().imageDirectory());
        assertEquals(a.ssh().orElseThrow().host(), a.sshIn("/srv/iso").orElseThrow().host());
    }

    @Test
    void anUnreadableSecretClosesOnlyThatWayToTheNode() {
        rows.put(1L, new StoredNode(node(1, NodeState.OFFLINE, KEY), "garbage".getBytes(StandardCharsets.UTF_8),
                enc("ssh-secret"), null));
        rows.put(2L, new StoredNode(node(2, NodeState.ONLINE, KEY), enc("pve-secret"),
                "garbage".getBytes(StandardCharsets.UTF_8), null));
        NodeAccess pveUnreadable = connections.connect(1);
        assertTrue(pveUnreadable.api().isEmpty());
        assertTrue(pveUnreadable.ssh().isPresent());
        assertFalse(pveUnreadable.online());
        NodeAccess sshUnreadable = connections.connect(2);
        assertTrue(sshUnreadable.api().isPresent());
        assertTrue(sshUnreadable.ssh().isEmpty());
        // the node slice's own callers hear why instead
        DomainException e = assertThrows(DomainException.class, () -> connections.api(rows.get(1L)));
        assertEquals(ErrorCode.ERROR, e.code());
    }

    @Test
    void noSshWithoutASecretOrAPinnedHostKeyAndNoSuchNode() {
        rows.put(3L, new StoredNode(node(3, NodeState.ONLINE, null), enc("pve-secret"), enc("ssh-secret"), null));
        rows.put(4L, new StoredNode(node(4, NodeState.DISABLED, KEY), enc("pve-secret"), null, null));
        assertTrue(connections.connect(3).ssh().isEmpty(), "no blind connections");
        assertTrue(connections.connect(4).ssh().isEmpty());
        assertFalse(connections.connect(4).online());
        assertTrue(connections.find(99).isEmpty());
        assertEquals(ErrorCode.NODE_NOT_EXIST, assertThrows(DomainException.class, () -> connections.connect(99)).code());
    }

    private static Node node(long id, NodeState state, HostKeyFingerprint hostKey) {
        ConnectionSettings c = new ConnectionSettings(HostAddress.of("192.0.2.1", "host"), 8006,
                new PveNodeName("pve1"), PveLogin.of("root", "pam", null),
                SshSettings.of(null, 22, "root", SshAuthKind.PASSWORD));
        return new Node(id, NodeName.of("n1"), null, c, new TlsPin(TlsPin.Mode.CA, null), hostKey, null, state, null,
                com.pveams.domain.node.NatSettings.off(), "/home/images", null, null, Instant.EPOCH, Instant.EPOCH);
    }

    private static byte[] enc(String plaintext) {
        return ("enc:" + plaintext).getBytes(StandardCharsets.UTF_8);
    }

    /** Only {@code findByIds} is used by the port; anything else is a test failure. */
    private NodeRepository repository() {
        return (NodeRepository) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{NodeRepository.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("findByIds")) {
                        reads.incrementAndGet();
                        return ((java.util.Collection<?>) args[0]).stream().map(rows::get).filter(java.util.Objects::nonNull)
                                .toList();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static NodeRegions regions() {
        return (NodeRegions) Proxy.newProxyInstance(NodeConnectionServiceTest.class.getClassLoader(),
                new Class<?>[]{NodeRegions.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Stands in for AES-GCM: what it did not write it cannot read. */
    private static final class PrefixCipher implements SecretCipher {
        @Override
        public byte[] encrypt(String plaintext) {
            return enc(plaintext);
        }

        @Override
        public String decrypt(byte[] ciphertext) {
            String s = new String(ciphertext, StandardCharsets.UTF_8);
            if (!s.startsWith("enc:")) {
                throw new UndecryptableSecretException(UndecryptableSecretException.Reason.MALFORMED, null);
            }
            return s.substring(4);
        }

        @Override
        public boolean needsReEncryption(byte[] ciphertext) {
            return false;
        }

        @Override
        public String currentKeyId() {
            return "00000000";
        }
    }
}
