package com.pveams.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceProcessTest {

    @Test
    void theJvmOptionsAreThoseOfTheReadmeRunCommand() {
        String readme = "text\n./mvnw -B install -DskipTests && java -Xmx192m -XX:+UseSerialGC"
                + " -jar bootstrap/target/quarkus-app/quarkus-run.jar\nmore";
        assertEquals(List.of("-Xmx192m", "-XX:+UseSerialGC"), ServiceProcess.readmeJvmOptions(readme));
        assertEquals(List.of(), ServiceProcess.readmeJvmOptions("x && java -jar bootstrap/target/quarkus-app/quarkus-run.jar"));
        assertThrows(IllegalStateException.class, () -> ServiceProcess.readmeJvmOptions("no command"));
    }

    @Test
    void theRepositoryReadmeBoundsTheHeap() throws IOException {
        // surefire runs in the module's directory; the README is the repository's
        List<String> options = ServiceProcess.readmeJvmOptions(Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md")));
        assertTrue(options.stream().anyMatch(o -> o.startsWith("-Xmx")), options.toString());
    }
}
