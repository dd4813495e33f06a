package com.pveams.bootstrap.database;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The role the service connects as: it may log in and owns the database, the schema {@code public} and everything in
 * it (so Flyway migrates as it), but is not a superuser and cannot create roles or databases.
 */
final class ServiceRole {
    static final String NAME = "ams";
    static final String SUPERUSER = "postgres";
    static final String DATABASE = "postgres";

    private ServiceRole() {
    }

    /**
     * Run as the superuser on every start, in one transaction: a crash half-way leaves the cluster as it was, and a
     * repeat finds nothing left to do but setting the passwords again from their files.
     */
    static void ensure(Connection superuser, String superuserPassword, String servicePassword) throws SQLException {
        boolean autoCommit = superuser.getAutoCommit();
        superuser.setAutoCommit(false);
        try (Statement st = superuser.createStatement()) {
            boolean exists;
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + NAME + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                st.execute("CREATE ROLE " + NAME);
            }
            st.execute("ALTER ROLE " + NAME + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
            // hashed on our side (SCRAM), so the password itself never reaches the server or its logs
            PGConnection pg = superuser.unwrap(PGConnection.class);
            pg.alterUserPassword(NAME, servicePassword.toCharArray(), "scram-sha-256");
            pg.alterUserPassword(SUPERUSER, superuserPassword.toCharArray(), "scram-sha-256");

            st.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + NAME);
            st.execute("ALTER SCHEMA public OWNER TO " + NAME);
            for (String alter : ownershipChanges(st)) {
                st.execute(alter);
            }
            // sequences behind serial/identity columns moved with their tables; what is left stands alone
            for (String alter : standaloneSequences(st)) {
                st.execute(alter);
            }
            superuser.commit();
        } catch (SQLException | RuntimeException e) {
            superuser.rollback();
            throw e;
        } finally {
            superuser.setAutoCommit(autoCommit);
        }
    }

    /** Objects in {@code public} still owned by someone else (tables created by earlier versions as postgres). */
    private static List<String> ownershipChanges(Statement st) throws SQLException {
        return list(st, """
                SELECT CASE c.relkind WHEN 'v' THEN 'ALTER VIEW ' WHEN 'm' THEN 'ALTER MATERIALIZED VIEW '
                                      WHEN 'f' THEN 'ALTER FOREIGN TABLE ' ELSE 'ALTER TABLE ' END
                       || c.oid::regclass || ' OWNER TO %1$s'
                  FROM pg_class c
                 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                   AND c.relowner <> '%1$s'::regrole
                UNION ALL
                SELECT CASE p.prokind WHEN 'a' THEN 'ALTER AGGREGATE ' WHEN 'p' THEN 'ALTER PROCEDURE '
                                      ELSE 'ALTER FUNCTION ' END
                       || p.oid::regprocedure || ' OWNER TO %1$s'
                  FROM pg_proc p
                 WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> '%1$s'::regrole
                UNION ALL
                SELECT CASE t.typtype WHEN 'd' THEN 'ALTER DOMAIN ' ELSE 'ALTER TYPE ' END
                       || t.oid::regtype || ' OWNER TO %1$s'
                  FROM pg_type t
                 WHERE t.typnamespace = 'public'::regnamespace AND t.typowner <> '%1$s'::regrole
                   AND t.typtype IN ('c', 'd', 'e', 'r')
                   AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
                """.formatted(NAME));
    }

    private static List<String> standaloneSequences(Statement st) throws SQLException {
        return list(st, """
                SELECT 'ALTER SEQUENCE ' || c.oid::regclass || ' OWNER TO %1$s'
                  FROM pg_class c
                 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'
                   AND c.relowner <> '%1$s'::regrole
                """.formatted(NAME));
    }

    private static List<String> list(Statement st, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
