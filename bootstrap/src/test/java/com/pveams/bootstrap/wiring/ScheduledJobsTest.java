package com.pveams.bootstrap.wiring;

import com.pveams.adapters.persistence.crypto.AesGcmSecretCipher;
import com.pveams.application.config.ReplicaIdentity;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduled jobs as wired in the application: each takes its lease in job_lease before it runs. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class ScheduledJobsTest {
    @Inject
    DataSource dataSource;
    @Inject
    HousekeepingJob housekeeping;
    @Inject
    SecretRotationJob rotation;
    @Inject
    ReplicaIdentity replica;
    @Inject
    SecretCipher cipher;
    @Inject
    DataDirectory dataDirectory;

    @BeforeEach
    void noLeases() throws Exception {
        exec("DELETE FROM job_lease");
    }

    @Test
    void housekeepingRunsOncePerPeriodUnderItsLease() throws Exception {
        exec("INSERT INTO login_attempt (username, client_address, attempted_at, username_address_seq, address_seq, username_seq)"
                + " VALUES ('lease-old-1', '192.0.2.1', now() - interval '2 hours', 1, 1, 1)");
        housekeeping.run();
        // (awaited: the scheduler of this same application may be running the job at that very moment)
        awaitText("SELECT count(*) FROM login_attempt WHERE username = 'lease-old-1'", "0");
        assertEquals(replica.id(), text("SELECT owner FROM job_lease WHERE name = 'housekeeping'"));
        awaitText("SELECT coalesce(last_outcome, 'RUNNING') FROM job_lease WHERE name = 'housekeeping'", "SUCCEEDED");
        assertEquals(1, count("SELECT count(*) FROM job_lease WHERE name = 'housekeeping'"
                + " AND lease_until BETWEEN last_run_at + interval '58 minutes' AND last_run_at + interval '1 hour'"));

        // the period (ams.housekeeping.every, 1h) is not over: a second firing does nothing
        exec("INSERT INTO login_attempt (username, client_address, attempted_at, username_address_seq, address_seq, username_seq)"
                + " VALUES ('lease-old-2', '192.0.2.2', now() - interval '2 hours', 1, 1, 1)");
        housekeeping.run();
        assertEquals(1, count("SELECT count(*) FROM login_attempt WHERE username = 'lease-old-2'"));

        // another replica's lease that ran out is taken over
        exec("UPDATE job_lease SET owner = 'crashed-replica', lease_until = now() - interval '1 second',"
                + " last_run_at = now() - interval '2 hours' WHERE name = 'housekeeping'");
        housekeeping.run();
        awaitText("SELECT count(*) FROM login_attempt WHERE username = 'lease-old-2'", "0");
        assertEquals(replica.id(), text("SELECT owner FROM job_lease WHERE name = 'housekeeping'"));
    }

    @Test
    void aLeaseHeldByAnotherReplicaKeepsTheJobFromRunningHere() throws Exception {
        exec("INSERT INTO job_lease (name, owner, lease_until, last_run_at)"
                + " VALUES ('housekeeping', 'other-replica', now() + interval '30 minutes', now())"
                + " ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until,"
                + " last_run_at = excluded.last_run_at");
        exec("INSERT INTO login_attempt (username, client_address, attempted_at, username_address_seq, address_seq, username_seq)"
                + " VALUES ('lease-old-3', '192.0.2.3', now() - interval '2 hours', 1, 1, 1)");
        housekeeping.run();
        assertEquals(1, count("SELECT count(*) FROM login_attempt WHERE username = 'lease-old-3'"));
        assertEquals("other-replica", text("SELECT owner FROM job_lease WHERE name = 'housekeeping'"));
    }

    @Test
    void rotationRunsUnderItsOwnLease() throws Exception {
        rotation.run();
        assertEquals(replica.id(), text("SELECT owner FROM job_lease WHERE name = 'secret-rotation'"));
        // the scheduler of this same application may have fired the job a moment earlier and still be finishing it
        awaitText("SELECT coalesce(last_outcome, 'RUNNING') FROM job_lease WHERE name = 'secret-rotation'", "SUCCEEDED");
    }

    @Test
    void withoutAConfiguredKeyTheCipherUsesAKeyGeneratedOwnerOnlyIntoTheDataDirectory() throws Exception {
        Path file = dataDirectory.resolve("secrets.key");
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertInstanceOf(AesGcmSecretCipher.class, cipher);
        byte[] value = cipher.encrypt("pve-password");
        assertEquals(cipher.currentKeyId(), HexFormat.of().formatHex(value, 1, 5));
        assertEquals("pve-password", cipher.decrypt(value));
    }

    /** Polls with a bound far above any correct run's duration. */
    private void awaitText(String sql, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!expected.equals(text(sql)) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        assertEquals(expected, text(sql));
    }

    private void exec(String sql) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute(sql);
        }
    }

    private int count(String sql) throws Exception {
        return Integer.parseInt(text(sql));
    }

    private String text(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
