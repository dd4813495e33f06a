package com.pveams.bootstrap;

import com.pveams.bootstrap.database.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the packaged service. When no database URL is configured it first starts an embedded PostgreSQL
 * that keeps its data under the data directory, so a single binary on a small VPS needs nothing else.
 */
@QuarkusMain
public class AmsMain {
    public static void main(String... args) {
        EmbeddedDatabase.startIfNoDatabaseConfigured();
        Quarkus.run(args);
    }
}
