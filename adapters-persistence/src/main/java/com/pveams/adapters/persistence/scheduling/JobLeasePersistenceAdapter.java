package com.pveams.adapters.persistence.scheduling;

import com.pveams.application.port.out.scheduling.JobLeases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@code job_lease} rows with plain JDBC. Taking a lease is one statement, committed on its own (no surrounding
 * transaction), so it is visible to the other replicas before the job starts.
 */
@ApplicationScoped
public class JobLeasePersistenceAdapter implements JobLeases {
    // INSERT … ON CONFLICT DO UPDATE locks the existing row and re-checks the WHERE against its latest committed
    // version, so of several replicas racing for a free lease exactly one gets a row back.
    private static final String ACQUIRE = "INSERT INTO job_lease AS l (name, owner, lease_until, last_run_at)"
            + " VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until,"
            + " last_run_at = excluded.last_run_at"
            + " WHERE l.lease_until <= excluded.last_run_at"
            + " RETURNING l.owner";
    private static final String FINISHED = "UPDATE job_lease SET last_finished_at = ?, last_outcome = ?"
            + " WHERE name = ? AND owner = ? AND last_run_at <= ?";

    private final DataSource dataSource;

    @Inject
    public JobLeasePersistenceAdapter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean tryAcquire(String job, String owner, Instant now, Instant until) {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(ACQUIRE)) {
            ps.setString(1, job);
            ps.setString(2, owner);
            ps.setObject(3, utc(until));
            ps.setObject(4, utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && owner.equals(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the lease of job " + job, e);
        }
    }

    @Override
    public void finished(String job, String owner, Instant at, boolean succeeded) {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(FINISHED)) {
            ps.setObject(1, utc(at));
            ps.setString(2, succeeded ? "SUCCEEDED" : "FAILED");
            ps.setString(3, job);
            ps.setString(4, owner);
            ps.setObject(5, utc(at));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the end of job " + job, e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
