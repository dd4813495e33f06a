package com.pveams.adapters.persistence.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pveams.domain.access.SecretFields;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * Runs the Flyway migrations against a real PostgreSQL and checks, with real INSERTs, that the constraints the
 * rest of the service relies on are enforced by the database. Every rejection is checked by SQL state and
 * constraint name, so a failure for an unrelated reason (a missing NOT NULL column in the fixture, say) does not
 * count as a pass. Each test runs in a transaction that is rolled back, except the SKIP LOCKED test, which needs
 * committed rows and deletes them afterwards.
 */
class SchemaMigrationTest {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String CHECK_VIOLATION = "23514";

    /** 28 bytes: the shortest value the *_enc columns accept (AEAD nonce + tag). Content is irrelevant here. */
    private static final byte[] CIPHERTEXT = new byte[28];

    private static final AtomicInteger SEQ = new AtomicInteger();

    private static EmbeddedPostgres pg;
    private static DataSource dataSource;
    private static MigrateResult migration;

    private Connection conn;

    @BeforeAll
    static void startAndMigrate() throws Exception {
        pg = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(120)).start();
        dataSource = pg.getPostgresDatabase();
        migration = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close(); // also deletes the data directory
        }
    }

    @BeforeEach
    void open() throws SQLException {
        conn = dataSource.getConnection();
        conn.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        if (conn != null) {
            conn.rollback();
            conn.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void migratesFromAnEmptyDatabase() throws SQLException {
        assertTrue(migration.success);
        long scripts;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            scripts = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(scripts >= 3);
        assertEquals(scripts, migration.migrationsExecuted, "every migration should run on an empty database");
        for (String table : List.of("region", "node", "ip_pool", "ip_address", "os_image", "os_image_node",
                "flavour", "cpu_model", "smbios_model", "model_group", "model_group_smbios", "vnc_controller", "vm",
                "vm_console_session", "vmid_reservation", "operation", "operation_step")) {
            assertEquals(1L, queryLong("SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_name = '" + table + "'"), "table " + table);
        }
    }

    @Test
    void twoLoginAttemptsCannotTakeTheSamePosition() throws SQLException {
        String insert = "INSERT INTO login_attempt (username, client_address, attempted_at, username_address_seq,"
                + " address_seq, username_seq) VALUES ('%s', '%s', now(), %d, %d, %d)";
        update(String.format(insert, "admin", "192.0.2.1", 1, 1, 1));
        // Each position is per key: another address, or another username, starts its own sequences.
        update(String.format(insert, "admin", "192.0.2.2", 1, 1, 2));
        update(String.format(insert, "other", "192.0.2.1", 1, 2, 1));
        assertRejected(UNIQUE_VIOLATION, "uq_login_attempt_username_address_seq",
                () -> update(String.format(insert, "admin", "192.0.2.1", 1, 3, 3)));
        assertRejected(UNIQUE_VIOLATION, "uq_login_attempt_address_seq",
                () -> update(String.format(insert, "admin", "192.0.2.1", 2, 2, 3)));
        assertRejected(UNIQUE_VIOLATION, "uq_login_attempt_username_seq",
                () -> update(String.format(insert, "admin", "192.0.2.1", 2, 3, 2)));
        assertEquals(0L, queryLong("SELECT count(*) FROM information_schema.tables WHERE table_name = 'login_failure'"));
    }

    @Test
    void duplicateVmidOnTheSameNodeIsRejected() throws SQLException {
        long node = insertNode();
        long otherNode = insertNode();
        insertVm(node, 101, uniqueHostname(), 0);
        // the same vmid on another node and another vmid on the same node are fine
        insertVm(otherNode, 101, uniqueHostname(), 0);
        insertVm(node, 102, uniqueHostname(), 0);

        assertRejected(UNIQUE_VIOLATION, "uq_vm_node_vmid", () -> insertVm(node, 101, uniqueHostname(), 0));
        // not even a purged VM gives its vmid back on that node
        long purged = insertVm(node, 103, uniqueHostname(), 0);
        update("UPDATE vm SET delete_state = 2, deleted_at = now() WHERE id = " + purged);
        assertRejected(UNIQUE_VIOLATION, "uq_vm_node_vmid", () -> insertVm(node, 103, uniqueHostname(), 0));
    }

    @Test
    void duplicateAddressInAPoolIsRejected() throws SQLException {
        long node = insertNode();
        long pool = insertPool(node, "pool-a");
        long otherPool = insertPool(node, "pool-b");
        insertAddress(pool, node, "192.0.2.10");
        insertAddress(pool, node, "192.0.2.11");

        assertRejected(UNIQUE_VIOLATION, "uq_ip_address_pool_address", () -> insertAddress(pool, node, "192.0.2.10"));
        // another pool of the node may list it (legacy allowed overlapping pools) ...
        long copy = insertAddress(otherPool, node, "192.0.2.10");
        // ... but only one VM can hold it
        long vm1 = insertVm(node, 200, uniqueHostname(), 0);
        long vm2 = insertVm(node, 201, uniqueHostname(), 0);
        long original = queryLong("SELECT id FROM ip_address WHERE pool_id = " + pool + " AND address = '192.0.2.10'");
        assignAddress(original, vm1);
        assertRejected(UNIQUE_VIOLATION, "ux_ip_address_held", () -> assignAddress(copy, vm2));
    }

    @Test
    void addressHasThePoolsNodeAndHolderMustBeOnThatNode() throws SQLException {
        long node = insertNode();
        long otherNode = insertNode();
        long pool = insertPool(node, "pool-a");
        long vmElsewhere = insertVm(otherNode, 300, uniqueHostname(), 0);

        assertRejected(FOREIGN_KEY_VIOLATION, "fk_ip_address_pool", () -> insertAddress(pool, otherNode, "192.0.2.20"));
        long address = insertAddress(pool, node, "192.0.2.20");
        assertRejected(FOREIGN_KEY_VIOLATION, "fk_ip_address_vm", () -> assignAddress(address, vmElsewhere));
    }

    @Test
    void purgingAVmThatStillHoldsAnAddressIsRefused() throws SQLException {
        long node = insertNode();
        long pool = insertPool(node, "pool-a");
        long vm = insertVm(node, 400, uniqueHostname(), 0);
        long address = insertAddress(pool, node, "192.0.2.30");
        assignAddress(address, vm);

        // the recycle bin keeps the address
        update("UPDATE vm SET delete_state = 1, recycle_purge_at = now() WHERE id = " + vm);
        assertEquals(1L, queryLong("SELECT vm_delete_state FROM ip_address WHERE id = " + address));
        // purging while the address is still held is refused ...
        assertRejected(CHECK_VIOLATION, "ck_ip_address_holder_not_purged", () -> update(
                "UPDATE vm SET delete_state = 2, recycle_purge_at = NULL, deleted_at = now() WHERE id = " + vm));
        // ... and allowed once it is released
        update("UPDATE ip_address SET vm_id = NULL, vm_delete_state = NULL, status = 0 WHERE id = " + address);
        update("UPDATE vm SET delete_state = 2, recycle_purge_at = NULL, deleted_at = now() WHERE id = " + vm);
    }

    @Test
    void hostnameIsUniqueAmongLiveVmsOnly() throws SQLException {
        long node = insertNode();
        String hostname = uniqueHostname();
        long first = insertVm(node, 500, hostname, 0);

        assertRejected(UNIQUE_VIOLATION, "ux_vm_hostname_live", () -> insertVm(node, 501, hostname, 0));
        // DNS names are case-insensitive
        assertRejected(UNIQUE_VIOLATION, "ux_vm_hostname_live", () -> insertVm(node, 502, hostname.toUpperCase(), 0));

        // a deleted VM may share the name with a live one
        update("UPDATE vm SET delete_state = 2, deleted_at = now() WHERE id = " + first);
        long second = insertVm(node, 503, hostname, 0);
        assertNotEquals(first, second);
        insertVm(node, 504, hostname, 2);
    }

    @Test
    void deletingANodeThatHasAVmIsRefused() throws SQLException {
        long node = insertNode();
        insertVm(node, 600, uniqueHostname(), 0);

        assertRejected(FOREIGN_KEY_VIOLATION, "fk_vm_node", () -> update("DELETE FROM node WHERE id = " + node));
        assertEquals(1L, queryLong("SELECT count(*) FROM node WHERE id = " + node));
    }

    @Test
    void aNodeWithOnlyPurgedVmsCanBeDeletedOnceTheyAreDetached() throws SQLException {
        long node = insertNode();
        long vm = insertVm(node, 700, uniqueHostname(), 0);
        // a live VM cannot be detached from its node
        assertRejected(CHECK_VIOLATION, "ck_vm_node_required", () -> update("UPDATE vm SET node_id = NULL WHERE id = " + vm));

        update("UPDATE vm SET delete_state = 2, deleted_at = now() WHERE id = " + vm);
        update("UPDATE vm SET node_id = NULL WHERE node_id = " + node + " AND delete_state = 2");
        update("DELETE FROM node WHERE id = " + node);
        assertEquals(1L, queryLong("SELECT count(*) FROM vm WHERE id = " + vm), "the purged VM stays for statistics");
    }

    @Test
    void badStatusValuesAreRejectedByCheckConstraints() throws SQLException {
        long node = insertNode();
        long vm = insertVm(node, 800, uniqueHostname(), 0);
        long pool = insertPool(node, "pool-a");
        long address = insertAddress(pool, node, "192.0.2.40");

        // the boundary values are accepted ...
        update("UPDATE vm SET status = 15 WHERE id = " + vm);
        update("UPDATE vm SET status = 0 WHERE id = " + vm);
        // ... one past them is not
        assertRejected(CHECK_VIOLATION, "ck_vm_status", () -> update("UPDATE vm SET status = 16 WHERE id = " + vm));
        assertRejected(CHECK_VIOLATION, "ck_vm_status", () -> update("UPDATE vm SET status = -1 WHERE id = " + vm));
        assertRejected(CHECK_VIOLATION, "ck_vm_delete_state", () -> update("UPDATE vm SET delete_state = 3 WHERE id = " + vm));
        assertRejected(CHECK_VIOLATION, "ck_node_status", () -> update("UPDATE node SET status = 3 WHERE id = " + node));
        assertRejected(CHECK_VIOLATION, "ck_ip_address_status", () -> update("UPDATE ip_address SET status = 4 WHERE id = " + address));
        // "used" without a holder is not a state an address can be in
        assertRejected(CHECK_VIOLATION, "ck_ip_address_used_has_vm", () -> update("UPDATE ip_address SET status = 1 WHERE id = " + address));

        long operation = insertOperation(vm, node);
        assertRejected(CHECK_VIOLATION, "ck_operation_status",
                () -> update("UPDATE operation SET status = 'DONE' WHERE id = " + operation));
        long step = insertStep(operation, 0, "now()");
        assertRejected(CHECK_VIOLATION, "ck_operation_step_status",
                () -> update("UPDATE operation_step SET status = 'SUCCEEDED' WHERE id = " + step));
        // a running step must carry a lease
        assertRejected(CHECK_VIOLATION, "ck_operation_step_lease",
                () -> update("UPDATE operation_step SET status = 'RUNNING' WHERE id = " + step));
        update("UPDATE operation_step SET status = 'RUNNING', lease_owner = 'w1', lease_until = now() + interval '1 minute'"
                + " WHERE id = " + step);
    }

    @Test
    void operationParamsRefuseSecretsAndVmsAreSerialised() throws SQLException {
        long node = insertNode();
        long vm = insertVm(node, 900, uniqueHostname(), 0);
        insertOperation(vm, node, "{\"os\":\"debian-12.qcow2\",\"resetDataDisk\":true}");

        assertRejected(UNIQUE_VIOLATION, "ux_operation_vm_active", () -> insertOperation(vm, node));
        long other = insertVm(node, 901, uniqueHostname(), 0);
        assertRejected(CHECK_VIOLATION, "ck_operation_params",
                () -> insertOperation(other, node, "{\"hostId\":1,\"nested\":{\"newPassword\":\"hunter2\"}}"));
        insertOperation(other, node, "{\"hostId\":1,\"nested\":{\"osName\":\"debian\"}}");
    }

    @Test
    void operationParamsCheckIsTheDomainsSecretRule() throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                     + " WHERE conname = 'ck_operation_params'")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).contains("like_regex \"" + SecretFields.pattern() + "\" flag \"i\""),
                    "ck_operation_params must use SecretFields.pattern(); add a migration: " + rs.getString(1));
        }
        long node = insertNode();
        long vm = insertVm(node, 902, uniqueHostname(), 0);
        for (String key : List.of("sshPassword", "otp", "apiSecret", "csrfToken", "footprint", "hostname", "osName")) {
            Savepoint sp = conn.setSavepoint();
            boolean refused;
            try {
                insertOperation(vm, node, "{\"nested\":{\"" + key + "\":\"x\"}}");
                refused = false;
            } catch (PSQLException e) {
                assertEquals(CHECK_VIOLATION, e.getSQLState(), key);
                refused = true;
            }
            conn.rollback(sp);
            assertEquals(SecretFields.isSecret(key), refused, key);
        }
    }

    @Test
    void stepClaimSkipsRowsLockedByAnotherWorker() throws Exception {
        String claim = "SELECT id FROM operation_step WHERE status = 'PENDING' AND run_after <= now()"
                + " AND operation_id = ? ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED";
        long node;
        long operation;
        long firstStep;
        long secondStep;
        try (Connection setup = dataSource.getConnection()) {
            setup.setAutoCommit(false);
            Connection saved = conn;
            conn = setup;
            try {
                node = insertNode();
                long vm = insertVm(node, 1000, uniqueHostname(), 0);
                operation = insertOperation(vm, node);
                firstStep = insertStep(operation, 0, "now() - interval '2 seconds'");
                secondStep = insertStep(operation, 1, "now() - interval '1 second'");
                insertStep(operation, 2, "NULL"); // not runnable yet: never claimed
                insertStep(operation, 3, "now() + interval '1 hour'"); // not due yet: never claimed
                setup.commit();
            } finally {
                conn = saved;
            }
        }
        try (Connection workerA = dataSource.getConnection(); Connection workerB = dataSource.getConnection();
                Connection workerC = dataSource.getConnection()) {
            for (Connection worker : List.of(workerA, workerB, workerC)) {
                worker.setAutoCommit(false);
                // a claim that waits for a lock instead of skipping it fails fast rather than hanging the build
                try (Statement st = worker.createStatement()) {
                    st.execute("SET lock_timeout = '2s'");
                }
            }

            List<Long> claimedByA = claim(workerA, claim, operation);
            List<Long> claimedByB = claim(workerB, claim, operation);
            List<Long> claimedByC = claim(workerC, claim, operation);

            assertEquals(List.of(firstStep), claimedByA, "worker A takes the oldest runnable step");
            assertEquals(List.of(secondStep), claimedByB, "worker B skips A's locked row instead of waiting");
            assertEquals(List.of(), claimedByC, "nothing else is runnable");

            // once A gives its row up without finishing, it can be claimed again
            workerA.rollback();
            assertEquals(List.of(firstStep), claim(workerC, claim, operation));
            workerB.rollback();
            workerC.rollback();
        } finally {
            try (Connection cleanup = dataSource.getConnection(); Statement st = cleanup.createStatement()) {
                st.executeUpdate("DELETE FROM operation WHERE id = " + operation);
                st.executeUpdate("DELETE FROM vm WHERE node_id = " + node);
                st.executeUpdate("DELETE FROM node WHERE id = " + node);
            }
        }
    }

    @Test
    void stepClaimQueryCanUseThePartialIndex() throws SQLException {
        try (Statement st = conn.createStatement()) {
            // the table is tiny, so keep the planner from preferring a sequential scan
            st.execute("SET LOCAL enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = st.executeQuery("EXPLAIN SELECT id FROM operation_step WHERE status = 'PENDING'"
                    + " AND run_after <= now() ORDER BY run_after LIMIT 10 FOR UPDATE SKIP LOCKED")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertTrue(plan.toString().contains("ix_operation_step_claim"), plan.toString());
            assertFalse(plan.toString().contains("Sort"), "the index already yields run_after order:\n" + plan);
        }
    }

    @Test
    void jsonAndSecretColumnsAreShapeChecked() throws SQLException {
        long node = insertNode();
        long vm = insertVm(node, 1100, uniqueHostname(), 0);

        update("UPDATE vm SET ip_config = '{\"1\":\"ip=192.0.2.5/24,gw=192.0.2.1\"}' WHERE id = " + vm);
        assertRejected(CHECK_VIOLATION, "ck_vm_ip_config",
                () -> update("UPDATE vm SET ip_config = '{\"eth0\":\"ip=192.0.2.5/24\"}' WHERE id = " + vm));
        assertRejected(CHECK_VIOLATION, "ck_vm_ip_config",
                () -> update("UPDATE vm SET ip_config = '[\"ip=192.0.2.5/24\"]' WHERE id = " + vm));

        insertReturningId("INSERT INTO smbios_model (type, model) VALUES (1, '{\"manufacturer\":\"Dell\"}') RETURNING id");
        assertRejected(CHECK_VIOLATION, "ck_smbios_model_model", () -> insertReturningId(
                "INSERT INTO smbios_model (type, model) VALUES (1, '{\"manufacturer\":7}') RETURNING id"));
        assertRejected(CHECK_VIOLATION, "ck_smbios_model_type", () -> insertReturningId(
                "INSERT INTO smbios_model (type, model) VALUES (128, '{}') RETURNING id"));

        // a short plaintext password cannot pass for ciphertext
        try (PreparedStatement ps = conn.prepareStatement("UPDATE vm SET guest_password_enc = ? WHERE id = ?")) {
            ps.setBytes(1, "hunter2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ps.setLong(2, vm);
            assertRejected(CHECK_VIOLATION, "ck_vm_guest_password_ciphertext", ps::executeUpdate);
        }
        // the same convention on an API key's encrypted copy (V15)
        long key = insertReturningId("INSERT INTO api_key (app_id, key_hash, key_enc) VALUES ('schema-" + SEQ.incrementAndGet()
                + "', repeat('a', 64), decode(repeat('00', 28), 'hex')) RETURNING id");
        assertRejected(CHECK_VIOLATION, "ck_api_key_key_ciphertext",
                () -> update("UPDATE api_key SET key_enc = 'short'::bytea WHERE id = " + key));
    }

    @Test
    void regionHierarchyHasTwoLevels() throws SQLException {
        long top = insertReturningId("INSERT INTO region (name) VALUES ('top-" + SEQ.incrementAndGet() + "') RETURNING id");
        long child = insertReturningId("INSERT INTO region (name, parent_id) VALUES ('child-" + SEQ.incrementAndGet()
                + "', " + top + ") RETURNING id");
        assertEquals(0L, queryLong("SELECT level FROM region WHERE id = " + top));
        assertEquals(1L, queryLong("SELECT level FROM region WHERE id = " + child));

        assertRejected(FOREIGN_KEY_VIOLATION, "fk_region_parent", () -> insertReturningId(
                "INSERT INTO region (name, parent_id) VALUES ('grandchild', " + child + ") RETURNING id"));
        assertRejected(FOREIGN_KEY_VIOLATION, "fk_region_parent", () -> update("DELETE FROM region WHERE id = " + top));
        String name = queryString("SELECT name FROM region WHERE id = " + top);
        assertRejected(UNIQUE_VIOLATION, "uq_region_name",
                () -> insertReturningId("INSERT INTO region (name) VALUES ('" + name + "') RETURNING id"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // fixtures

    private long insertNode() throws SQLException {
        int n = SEQ.incrementAndGet();
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO node (name, host, auth_mode, username,"
                + " api_secret_enc, tls_trust_mode, tls_fingerprint) VALUES (?, ?, 'PASSWORD', 'root', ?, 'PINNED', ?)"
                + " RETURNING id")) {
            ps.setString(1, "node-" + n);
            ps.setString(2, "pve-" + n + ".example.net");
            ps.setBytes(3, CIPHERTEXT);
            ps.setString(4, String.join(":", java.util.Collections.nCopies(32, "AB")));
            return returningId(ps);
        }
    }

    private long insertPool(long node, String name) throws SQLException {
        return insertReturningId("INSERT INTO ip_pool (name, node_id, ip_version, prefix_length, gateway, dns1)"
                + " VALUES ('" + name + "', " + node + ", 4, 24, '192.0.2.1', '192.0.2.53') RETURNING id");
    }

    private long insertAddress(long pool, long node, String address) throws SQLException {
        return insertReturningId("INSERT INTO ip_address (pool_id, node_id, ip_version, address) VALUES ("
                + pool + ", " + node + ", 4, '" + address + "') RETURNING id");
    }

    private void assignAddress(long address, long vm) throws SQLException {
        update("UPDATE ip_address SET status = 1, vm_id = " + vm + ", vm_delete_state = 0 WHERE id = " + address);
    }

    private long insertVm(long node, int vmid, String hostname, int deleteState) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO vm (node_id, vmid, hostname, guest_username,"
                + " guest_password_enc, os_file_name, os_name, os_type, storage, system_disk_gb, bridge, expires_at,"
                + " delete_state, deleted_at) VALUES (?, ?, ?, 'root', ?, 'debian-12.qcow2', 'debian-12', 'linux',"
                + " 'local-lvm', 40, 'vmbr0', now() + interval '30 days', ?, CASE WHEN ? = 2 THEN now() END)"
                + " RETURNING id")) {
            ps.setLong(1, node);
            ps.setInt(2, vmid);
            ps.setString(3, hostname);
            ps.setBytes(4, CIPHERTEXT);
            ps.setInt(5, deleteState);
            ps.setInt(6, deleteState);
            return returningId(ps);
        }
    }

    private long insertOperation(long vm, long node) throws SQLException {
        return insertOperation(vm, node, "{}");
    }

    private long insertOperation(long vm, long node, String paramsJson) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO operation (type, vm_id, node_id, params)"
                + " VALUES ('REINSTALL_VM', ?, ?, ?::jsonb) RETURNING id")) {
            ps.setLong(1, vm);
            ps.setLong(2, node);
            ps.setString(3, paramsJson);
            return returningId(ps);
        }
    }

    private long insertStep(long operation, int ordinal, String runAfterSql) throws SQLException {
        return insertReturningId("INSERT INTO operation_step (operation_id, ordinal, kind, run_after) VALUES ("
                + operation + ", " + ordinal + ", 'STEP_" + ordinal + "', " + runAfterSql + ") RETURNING id");
    }

    private static String uniqueHostname() {
        return "vm-" + SEQ.incrementAndGet() + ".example.net";
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    /**
     * Runs the action inside a savepoint and expects it to fail with the given SQL state on the given constraint;
     * the savepoint is rolled back so the test transaction stays usable.
     */
    private void assertRejected(String sqlState, String constraint, SqlAction action) throws SQLException {
        Savepoint savepoint = conn.setSavepoint();
        try {
            PSQLException e = assertThrows(PSQLException.class, action::run,
                    "expected " + constraint + " to reject the statement");
            assertEquals(sqlState, e.getSQLState(), e.getMessage());
            assertNotNull(e.getServerErrorMessage(), e.getMessage());
            assertEquals(constraint, e.getServerErrorMessage().getConstraint(), e.getMessage());
        } finally {
            conn.rollback(savepoint);
        }
    }

    private static List<Long> claim(Connection worker, String sql, long operation) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = worker.prepareStatement(sql)) {
            ps.setLong(1, operation);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private void update(String sql) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    private long insertReturningId(String sql) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            return returningId(ps);
        }
    }

    private static long returningId(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private long queryLong(String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getLong(1);
        }
    }

    private String queryString(String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
