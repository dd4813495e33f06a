package com.pveams.adapters.persistence.operation;

import com.pveams.adapters.persistence.JsonColumns;
import com.pveams.application.port.out.operation.ClaimedStep;
import com.pveams.application.port.out.operation.OperationReader;
import com.pveams.application.port.out.operation.OperationStore;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.operation.NewOperation;
import com.pveams.domain.operation.Operation;
import com.pveams.domain.operation.OperationSearch;
import com.pveams.domain.operation.OperationStatus;
import com.pveams.domain.operation.Step;
import com.pveams.domain.operation.StepStatus;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code operation} and {@code operation_step} with plain JDBC: the claim is one statement with
 * {@code FOR UPDATE SKIP LOCKED}, and the engine's writes are short transactions of their own. A start joins the
 * caller's transaction (the connection is then the one Hibernate uses, flushed first so the VM row exists).
 * Every write that makes a step due now also sends {@code NOTIFY ams_operation_step}, delivered to every replica
 * at commit ({@link PostgresOperationSignals}).
 */
@ApplicationScoped
public class OperationPersistenceAdapter implements OperationStore, OperationReader {
    static final String CHANNEL = "ams_operation_step";
    private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', '')";

    private static final String OPERATION_COLUMNS = "id, type, vm_id, node_id, status, params::text, error,"
            + " requested_by, idempotency_key, created_at, updated_at, finished_at";
    private static final String STEP_COLUMNS = "id, operation_id, ordinal, kind, status, attempts, max_attempts,"
            + " undo_attempts, lease_owner, lease_until, run_after, upid, undo_upid, waiting_since, started_at,"
            + " finished_at, error, output::text";

    /**
     * Claimable steps by the domain's rule ({@code Step.claimableAt}), in three index-served parts (due pending,
     * due compensations nobody holds, lapsed leases), then locked and leased in the same statement. The rule is
     * repeated in the locking query's WHERE on purpose: PostgreSQL re-checks it on the latest row version after
     * waiting for a lock, so a step another replica claimed meanwhile is not claimed twice.
     */
    private static final String CLAIM = """
            WITH due AS (
                (SELECT id FROM operation_step WHERE status = 'PENDING' AND run_after <= ?1
                  ORDER BY run_after, id LIMIT ?2)
                UNION ALL
                (SELECT id FROM operation_step WHERE status = 'COMPENSATING' AND lease_owner IS NULL AND run_after <= ?1
                  ORDER BY run_after, id LIMIT ?2)
                UNION ALL
                (SELECT id FROM operation_step WHERE status IN ('RUNNING', 'COMPENSATING') AND lease_until <= ?1
                  ORDER BY lease_until, id LIMIT ?2)
            ), locked AS (
                SELECT s.id, s.operation_id, s.status, s.lease_owner, s.attempts, s.undo_attempts, s.max_attempts
                  FROM operation_step s
                 WHERE s.id IN (SELECT id FROM due)
                   AND ((s.status = 'PENDING' AND s.run_after <= ?1)
                     OR (s.status = 'COMPENSATING' AND s.lease_owner IS NULL AND s.run_after <= ?1)
                     OR (s.status IN ('RUNNING', 'COMPENSATING') AND s.lease_until <= ?1))
                 ORDER BY s.id
                 LIMIT ?3
                   FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE operation_step s
                   SET status = CASE WHEN l.status = 'COMPENSATING' THEN 'COMPENSATING' ELSE 'RUNNING' END,
                       attempts = CASE WHEN l.status = 'COMPENSATING' THEN s.attempts
                                       ELSE LEAST(s.attempts + 1, s.max_attempts) END,
                       undo_attempts = CASE WHEN l.status = 'COMPENSATING' THEN LEAST(s.undo_attempts + 1, s.max_attempts)
                                            ELSE s.undo_attempts END,
                       started_at = CASE WHEN l.status = 'COMPENSATING' THEN s.started_at ELSE COALESCE(s.started_at, ?1) END,
                       lease_owner = ?4, lease_until = ?5, updated_at = ?1
                  FROM locked l
                 WHERE s.id = l.id
             RETURNING s.id, s.operation_id, l.lease_owner IS NOT NULL AS takeover,
                       (CASE WHEN l.status = 'COMPENSATING' THEN l.undo_attempts ELSE l.attempts END) >= l.max_attempts
                           AS exhausted
            ), started AS (
                UPDATE operation o SET status = 'RUNNING', updated_at = ?1
                 WHERE o.id IN (SELECT operation_id FROM claimed) AND o.status = 'PENDING'
            )
            SELECT id, operation_id, takeover, exhausted FROM claimed ORDER BY id""";

    private static final String QUEUE_DEPTH = """
            SELECT (SELECT count(*) FROM operation_step WHERE status = 'PENDING' AND run_after <= ?1)
                 + (SELECT count(*) FROM operation_step WHERE status = 'COMPENSATING' AND lease_owner IS NULL AND run_after <= ?1)
                 + (SELECT count(*) FROM operation_step WHERE status IN ('RUNNING', 'COMPENSATING') AND lease_until <= ?1)""";

    private final DataSource dataSource;
    private final EntityManager em;
    private final TransactionManager transactions;

    @Inject
    public OperationPersistenceAdapter(DataSource dataSource, EntityManager em, TransactionManager transactions) {
        this.dataSource = dataSource;
        this.em = em;
        this.transactions = transactions;
    }

    /** Without JTA or Hibernate (adapter tests): every call runs in its own transaction. */
    public OperationPersistenceAdapter(DataSource dataSource) {
        this(dataSource, null, null);
    }

    // --- OperationStore

    @Override
    public long insert(NewOperation plan, Instant now) {
        flushOrmChanges();
        return inTransaction(c -> {
            Long id;
            // ON CONFLICT DO NOTHING keeps the caller's transaction usable; the refusal is worked out below
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO operation (type, vm_id, node_id, status, params,"
                    + " requested_by, idempotency_key, created_at, updated_at)"
                    + " VALUES (?, ?, ?, 'PENDING', CAST(? AS jsonb), ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id")) {
                ps.setString(1, plan.type());
                setLong(ps, 2, plan.vmId());
                ps.setLong(3, plan.nodeId());
                ps.setString(4, JsonColumns.write(plan.params()));
                ps.setString(5, plan.requestedBy());
                ps.setString(6, plan.idempotencyKey());
                ps.setObject(7, utc(now));
                ps.setObject(8, utc(now));
                try (ResultSet rs = ps.executeQuery()) {
                    id = rs.next() ? rs.getLong(1) : null;
                }
            }
            if (id == null) {
                throw refusal(c, plan);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO operation_step (operation_id, ordinal, kind,"
                    + " max_attempts, run_after, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < plan.steps().size(); i++) {
                    ps.setLong(1, id);
                    ps.setInt(2, i);
                    ps.setString(3, plan.steps().get(i).kind());
                    ps.setInt(4, plan.steps().get(i).maxAttempts());
                    ps.setObject(5, i == 0 ? utc(now) : null, Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setObject(6, utc(now));
                    ps.setObject(7, utc(now));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            notifyReplicas(c);
            return id;
        });
    }

    /** Which rule the skipped insert broke. Called with the conflicting row committed or locked by its writer. */
    private static DomainException refusal(Connection c, NewOperation plan) throws SQLException {
        if (plan.idempotencyKey() != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM operation WHERE idempotency_key = ?")) {
                ps.setString(1, plan.idempotencyKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return DomainException.invalid("idempotencyKey", "已被另一个操作使用", "is already used by another operation");
                    }
                }
            }
        }
        return new DomainException(ErrorCode.VM_OPERATION_IN_PROGRESS, "vmId", null, null);
    }

    @Override
    public List<ClaimedStep> claim(String owner, Instant now, Instant leaseUntil, int max) {
        return inTransaction(c -> {
            List<ClaimedStep> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(numbered(CLAIM))) {
                bind(ps, CLAIM, Map.of(1, utc(now), 2, max * 2 + 8, 3, max, 4, owner, 5, utc(leaseUntil)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new ClaimedStep(rs.getLong(2), rs.getLong(1), rs.getBoolean(3), rs.getBoolean(4)));
                    }
                }
            }
            return claimed;
        });
    }

    @Override
    public Optional<Operation> find(long operationId) {
        return inTransaction(c -> load(c, operationId, false));
    }

    @Override
    public <T> T update(long operationId, Function<Operation, T> change) {
        return inTransaction(c -> {
            // the operation row and its steps are locked: a claim skips them until this commits
            Operation op = load(c, operationId, true).orElseThrow(
                    () -> new IllegalStateException("no operation " + operationId));
            T result = change.apply(op);
            save(c, op);
            if (op.nextRunAfter().filter(at -> !at.isAfter(op.updatedAt())).isPresent()) {
                notifyReplicas(c);
            }
            return result;
        });
    }

    @Override
    public Set<Long> renewLeases(String owner, Collection<Long> stepIds, Instant until) {
        if (stepIds.isEmpty()) {
            return Set.of();
        }
        return inTransaction(c -> {
            Set<Long> kept = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE operation_step"
                    + " SET lease_until = GREATEST(lease_until, ?), updated_at = now()"
                    + " WHERE id = ANY(?) AND lease_owner = ? AND status IN ('RUNNING', 'COMPENSATING') RETURNING id")) {
                ps.setObject(1, utc(until));
                ps.setArray(2, c.createArrayOf("bigint", stepIds.toArray()));
                ps.setString(3, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        kept.add(rs.getLong(1));
                    }
                }
            }
            return kept;
        });
    }

    @Override
    public long queueDepth(Instant now) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(numbered(QUEUE_DEPTH))) {
                bind(ps, QUEUE_DEPTH, Map.of(1, utc(now)));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    // --- OperationReader

    @Override
    public Page<Operation> search(OperationSearch search, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> params = new ArrayList<>();
        if (search.status() != null) {
            where.append(" AND status = ?");
            params.add(search.status().name());
        }
        if (search.type() != null) {
            where.append(" AND type = ?");
            params.add(search.type());
        }
        if (search.vmId() != null) {
            where.append(" AND vm_id = ?");
            params.add(search.vmId());
        }
        return inTransaction(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM operation" + where)) {
                bindAll(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + OPERATION_COLUMNS + " FROM operation" + where
                    + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")) {
                List<Object> all = new ArrayList<>(params);
                all.add(page.size());
                all.add(page.offset());
                bindAll(ps, all);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(operationRow(rs));
                    }
                }
            }
            Map<Long, List<Step>> steps = steps(c, rows.stream().map(r -> (Long) r[0]).toList(), false);
            List<Operation> records = rows.stream().map(r -> operation(r, steps.getOrDefault((Long) r[0], List.of()))).toList();
            return new Page<>(records, total, page.page(), page.size());
        });
    }

    @Override
    public Optional<Operation> findById(long id) {
        return find(id);
    }

    // --- rows

    private Optional<Operation> load(Connection c, long id, boolean lock) throws SQLException {
        Object[] row;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + OPERATION_COLUMNS + " FROM operation WHERE id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                row = operationRow(rs);
            }
        }
        return Optional.of(operation(row, steps(c, List.of(id), lock).getOrDefault(id, List.of())));
    }

    private static Object[] operationRow(ResultSet rs) throws SQLException {
        return new Object[]{rs.getLong(1), rs.getString(2), nullableLong(rs, 3), nullableLong(rs, 4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10), instant(rs, 11),
                instant(rs, 12)};
    }

    private static Operation operation(Object[] r, List<Step> steps) {
        return Operation.restore((Long) r[0], (String) r[1], (Long) r[2], (Long) r[3], OperationStatus.valueOf((String) r[4]),
                JsonColumns.read((String) r[5]), (String) r[6], (String) r[7], (String) r[8], (Instant) r[9],
                (Instant) r[10], (Instant) r[11], steps);
    }

    private static Map<Long, List<Step>> steps(Connection c, List<Long> operationIds, boolean lock) throws SQLException {
        Map<Long, List<Step>> steps = new LinkedHashMap<>();
        if (operationIds.isEmpty()) {
            return steps;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + STEP_COLUMNS + " FROM operation_step"
                + " WHERE operation_id = ANY(?) ORDER BY operation_id, ordinal" + (lock ? " FOR UPDATE" : ""))) {
            Array ids = c.createArrayOf("bigint", operationIds.toArray());
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(Step.restore(rs.getLong(1),
                            rs.getInt(3), rs.getString(4), StepStatus.valueOf(rs.getString(5)), rs.getInt(6),
                            rs.getInt(7), rs.getInt(8), rs.getString(9), instant(rs, 10), instant(rs, 11),
                            rs.getString(12), rs.getString(13), instant(rs, 14), instant(rs, 15), instant(rs, 16),
                            rs.getString(17), JsonColumns.read(rs.getString(18))));
                }
            }
        }
        return steps;
    }

    private static void save(Connection c, Operation op) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE operation SET status = ?, error = ?, updated_at = ?,"
                + " finished_at = ? WHERE id = ?")) {
            ps.setString(1, op.status().name());
            ps.setString(2, op.error());
            ps.setObject(3, utc(op.updatedAt()));
            ps.setObject(4, utc(op.finishedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setLong(5, op.id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE operation_step SET status = ?, attempts = ?,"
                + " undo_attempts = ?, lease_owner = ?, lease_until = ?, run_after = ?, upid = ?, undo_upid = ?,"
                + " waiting_since = ?, started_at = ?, finished_at = ?, error = ?, output = CAST(? AS jsonb),"
                + " updated_at = ? WHERE id = ?")) {
            for (Step s : op.steps()) {
                ps.setString(1, s.status().name());
                ps.setInt(2, s.attempts());
                ps.setInt(3, s.undoAttempts());
                ps.setString(4, s.leaseOwner());
                ps.setObject(5, utc(s.leaseUntil()), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(6, utc(s.runAfter()), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setString(7, s.upid());
                ps.setString(8, s.undoUpid());
                ps.setObject(9, utc(s.waitingSince()), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(10, utc(s.startedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(11, utc(s.finishedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setString(12, s.error());
                ps.setString(13, JsonColumns.write(s.output()));
                ps.setObject(14, utc(op.updatedAt()));
                ps.setLong(15, s.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // --- plumbing

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs in the caller's transaction when there is one (the pooled connection is then enlisted and not in
     * auto-commit), else in a transaction of its own committed before returning.
     */
    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                return work.run(c);
            }
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("operation store: " + e.getMessage(), e);
        }
    }

    /** Pending Hibernate writes of the caller's transaction (the VM row an operation refers to) go first. */
    private void flushOrmChanges() {
        if (em == null || transactions == null) {
            return;
        }
        try {
            if (transactions.getStatus() == Status.STATUS_ACTIVE) {
                em.flush();
            }
        } catch (SystemException e) {
            throw new IllegalStateException("no transaction status", e);
        }
    }

    private static void notifyReplicas(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NOTIFY)) {
            ps.execute();
        }
    }

    /** {@code ?n} placeholders (so one value can appear several times) to JDBC's positional ones. */
    private static String numbered(String sql) {
        return sql.replaceAll("\\?\\d+", "?");
    }

    private static void bind(PreparedStatement ps, String sql, Map<Integer, Object> values) throws SQLException {
        var m = java.util.regex.Pattern.compile("\\?(\\d+)").matcher(sql);
        int position = 1;
        while (m.find()) {
            ps.setObject(position++, values.get(Integer.parseInt(m.group(1))));
        }
    }

    private static void bindAll(PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(i + 1, values.get(i));
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static Long nullableLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
