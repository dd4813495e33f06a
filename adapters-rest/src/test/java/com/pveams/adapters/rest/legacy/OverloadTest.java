package com.pveams.adapters.rest.legacy;

import com.pveams.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverloadTest {

    @Test
    void anAcquisitionTimeoutAnywhereInTheChainIsOverload() {
        SQLException pool = new SQLException("Sorry, acquisition timeout!");
        assertTrue(Overload.noConnection(pool));
        assertTrue(Overload.noConnection(new IllegalStateException("Could not read VMs", pool)));
        assertTrue(Overload.noConnection(new RuntimeException("Unable to acquire JDBC Connection",
                new RuntimeException(pool))));
    }

    @Test
    void otherDatabaseFailuresAreNot() {
        assertFalse(Overload.noConnection(new SQLException("relation \"vm\" does not exist")));
        assertFalse(Overload.noConnection(new IllegalStateException("timeout")));
        assertFalse(Overload.noConnection(new SQLException((String) null)));
    }

    @Test
    void theAnswerIsTheGenericFailureEnvelopeSayingBusy() {
        var r = new LegacyExceptionMappers().unexpected(
                new IllegalStateException("x", new SQLException("Sorry, acquisition timeout!")), null);
        assertEquals(200, r.getStatus());
        Envelope body = (Envelope) r.getEntity();
        assertEquals(ErrorCode.ERROR.code(), body.code());
        assertEquals("服务繁忙，请稍后重试", body.message());
    }
}
