package com.pveams.adapters.ssh;

import com.pveams.adapters.ssh.emulator.NodeEmulator;
import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeSshEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cloud-init snippets written into, and removed from, one confined directory of the emulated node. */
class SshNodeSnippetsTest {
    private static final SshNodeShellConfig CONFIG = new SshNodeShellConfig(Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), false);
    private static final String DIR = "/var/lib/vz/snippets";

    @TempDir
    Path temp;

    private NodeEmulator node;
    private SshNodeSnippets snippets;
    private NodeSshEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        node = NodeEmulator.builder(temp).start();
        Files.createDirectories(node.path(DIR));
        snippets = new SshNodeSnippets(CONFIG);
        NodeSshEndpoint e = node.endpoint();
        endpoint = new NodeSshEndpoint(e.host(), e.port(), e.username(), e.credentials(), e.hostKeyFingerprint(), DIR);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void writesTheWholeTextAtomicallyAndAgainHarmlessly() throws Exception {
        String text = "version: 2\nethernets:\n  eth0:\n    addresses:\n      - \"192.0.2.10/24\"\n";
        snippets.write(endpoint, "ams-vm-4100-network.yaml", text);
        snippets.write(endpoint, "ams-vm-4100-network.yaml", text + "# again\n");

        assertEquals(text + "# again\n", Files.readString(node.path(DIR + "/ams-vm-4100-network.yaml")));
        try (Stream<Path> files = Files.list(node.path(DIR))) {
            assertEquals(List.of("ams-vm-4100-network.yaml"), files.map(p -> p.getFileName().toString()).toList(),
                    "no partial file is left beside it");
        }
        List<String> tee = node.commands("tee").get(0).command();
        assertEquals(List.of("tee", "--", DIR + "/.ams-vm-4100-network.yaml.part"), tee);
    }

    @Test
    void deletesOnlyWhatIsThere() throws Exception {
        snippets.write(endpoint, "ams-vm-4100-network.yaml", "version: 2\n");
        assertTrue(snippets.delete(endpoint, "ams-vm-4100-network.yaml"));
        assertFalse(Files.exists(node.path(DIR + "/ams-vm-4100-network.yaml")));
        assertFalse(snippets.delete(endpoint, "ams-vm-4100-network.yaml"));
    }

    @Test
    void staysInsideTheDirectory() throws Exception {
        Files.writeString(node.path("/etc-passwd"), "root:x:0:0\n", StandardCharsets.UTF_8);
        Files.createSymbolicLink(node.path(DIR + "/ams-vm-4101-network.yaml"), node.path("/etc-passwd"));

        NodeShellException e = assertThrows(NodeShellException.class,
                () -> snippets.write(endpoint, "ams-vm-4101-network.yaml", "version: 2\n"));
        assertEquals(NodeShellException.Kind.REFUSED_PATH, e.kind());
        assertEquals("root:x:0:0\n", Files.readString(node.path("/etc-passwd")));
        assertThrows(NodeShellException.class, () -> snippets.write(endpoint, "../ams.yaml", "x"));
        assertThrows(NodeShellException.class, () -> snippets.write(endpoint, ".hidden.yaml", "x"));
        assertTrue(node.commands("tee").isEmpty(), "nothing was written");
    }
}
