package com.pveams.adapters.pve.mapping;

import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PveErrorMapperTest {

    @Test
    void rejectedSecretParametersNeverEchoTheirValue() {
        HypervisorException e = PveErrorMapper.map(400, "Parameter verification failed.",
                Map.of("cipassword", "value 'hunter2-secret' too short", "otp", "bad 123456",
                        "memory", "value must be >= 16"), "create VM 100");
        assertEquals(Kind.VALIDATION, e.kind());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains("123456"), e.getMessage());
        assertTrue(e.getMessage().contains("cipassword: invalid value (hidden)"), e.getMessage());
        assertTrue(e.getMessage().contains("memory: value must be >= 16"), e.getMessage());
    }
}
