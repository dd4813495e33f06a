package com.pveams.bootstrap.support;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only endpoint (src/test is part of the application under @QuarkusTest) that fails the way a bug or a
 * database error would, with internal text in the exception, to show that none of it reaches the client.
 */
@Path("/test-support/failure")
public class FailingResource {
    public static final String INTERNAL_TEXT = "ERROR: relation \"admin_secret\" does not exist (org.postgresql.util.PSQLException)";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String fail() {
        throw new IllegalStateException(INTERNAL_TEXT);
    }
}
