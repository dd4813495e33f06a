package com.pveams.bootstrap.database;

import com.pveams.bootstrap.security.SecretFiles;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The embedded cluster's files under {@code <ams.data-dir>}: the PostgreSQL data directory, the generated role
 * passwords beside it, and what they say about the cluster's state.
 */
final class ClusterFiles {
    private static final Logger LOG = Logger.getLogger(ClusterFiles.class);
    static final String SUPERUSER_PASSWORD_FILE = "postgres-superuser.password";
    static final String SERVICE_PASSWORD_FILE = "postgres-service.password";
    /** Present while a first initialisation has not finished: such a cluster never held data and is made again. */
    static final String INITIALISING_MARKER = "postgres.initialising";

    /**
     * Password (SCRAM) over loopback TCP for every role; no Unix-socket or replication entries, and no {@code trust}.
     */
    static final String HBA = """
            # Written by ProxmoxVE-AMS at every start of its embedded PostgreSQL: edits here are overwritten.
            # TCP on loopback only, and every role must give its password (SCRAM); no Unix-socket or replication access.
            host    all    all    127.0.0.1/32    scram-sha-256
            """;

    enum State {
        /** No cluster yet (or an interrupted first initialisation): initdb with passwords from the start. */
        NEW,
        /** Laid out by versions before 1.0: {@code trust} authentication, everything owned by {@code postgres}. */
        LEGACY,
        /** Already password-protected. */
        CURRENT
    }

    private final Path dataDir;
    private final Path pgDir;

    ClusterFiles(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.pgDir = this.dataDir.resolve("postgres");
    }

    Path pgDir() {
        return pgDir;
    }

    Path superuserPasswordFile() {
        return dataDir.resolve(SUPERUSER_PASSWORD_FILE);
    }

    Path servicePasswordFile() {
        return dataDir.resolve(SERVICE_PASSWORD_FILE);
    }

    /** Creates {@code <ams.data-dir>} owner-only when missing (an existing one is the operator's choice). */
    void createDataDirectory() throws IOException {
        if (!Files.isDirectory(dataDir)) {
            Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    State inspect() throws IOException {
        Path marker = dataDir.resolve(INITIALISING_MARKER);
        if (Files.exists(marker)) {
            LOG.warnf("The first initialisation of %s did not finish; it holds no data yet and is made again", pgDir);
            deleteRecursively(pgDir);
            return State.NEW;
        }
        if (!Files.exists(pgDir.resolve("postgresql.conf"))) {
            if (Files.isDirectory(pgDir)) {
                try (Stream<Path> entries = Files.list(pgDir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalStateException(pgDir + " is not empty but holds no PostgreSQL cluster;"
                                + " move it away or point ams.data-dir elsewhere");
                    }
                }
            }
            return State.NEW;
        }
        return hasTrustEntry(Files.readAllLines(pgDir.resolve("pg_hba.conf"), StandardCharsets.UTF_8))
                ? State.LEGACY : State.CURRENT;
    }

    static boolean hasTrustEntry(List<String> hbaLines) {
        return hbaLines.stream()
                .map(line -> line.replaceFirst("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .anyMatch(line -> List.of(line.split("\\s+")).contains("trust"));
    }

    void markInitialising() throws IOException {
        Path marker = dataDir.resolve(INITIALISING_MARKER);
        Files.deleteIfExists(marker);
        SecretFiles.createOwnerOnly(marker, "");
    }

    void initialised() throws IOException {
        Files.deleteIfExists(dataDir.resolve(INITIALISING_MARKER));
        SecretFiles.syncDirectory(dataDir);
    }

    /** The password in the file, generated into it (0600, flushed to disk) on first use. */
    static String password(Path file, boolean mayCreate) throws IOException {
        if (!Files.exists(file)) {
            if (!mayCreate) {
                throw new IllegalStateException("The embedded PostgreSQL is password-protected but " + file
                        + " is missing; restore it from a backup of the data directory");
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            try {
                SecretFiles.createOwnerOnly(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            } catch (FileAlreadyExistsException raced) {
                // created by a concurrent start: use that one
            }
        }
        String password = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (password.isEmpty()) {
            throw new IllegalStateException(file + " is empty");
        }
        return password;
    }

    /** Just before the server starts: the directory owner-only, and (unless the cluster is still legacy) our pg_hba.conf. */
    void beforeStart(State state) {
        try {
            Files.setPosixFilePermissions(pgDir, PosixFilePermissions.fromString("rwx------"));
            if (state != State.LEGACY) {
                writeHba();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare " + pgDir, e);
        }
    }

    void writeHba() throws IOException {
        Path hba = pgDir.resolve("pg_hba.conf");
        if (!Files.exists(hba) || !Files.readString(hba, StandardCharsets.UTF_8).equals(HBA)) {
            SecretFiles.writeOwnerOnly(hba, HBA);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
