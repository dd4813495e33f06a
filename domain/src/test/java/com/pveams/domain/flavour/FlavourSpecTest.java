package com.pveams.domain.flavour;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlavourSpecTest {
    static FlavourSpec.Draft draft(String name) {
        return new FlavourSpec.Draft(name, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    static FlavourSpec.Draft with(FlavourSpec.Draft d, String field, Object v) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (var c : FlavourSpec.Draft.class.getRecordComponents()) {
            try {
                m.put(c.getName(), c.getAccessor().invoke(d));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        if (!m.containsKey(field)) {
            throw new IllegalArgumentException(field);
        }
        m.put(field, v);
        @SuppressWarnings("unchecked")
        Map<String, ?> disks = (Map<String, ?>) m.get("dataDisk");
        return new FlavourSpec.Draft((String) m.get("name"), (Integer) m.get("sockets"), (Integer) m.get("cores"),
                (Integer) m.get("threads"), (Boolean) m.get("devirtualization"), (Boolean) m.get("kvm"),
                (Long) m.get("cpuModel"), (Long) m.get("modelGroup"), (Boolean) m.get("nested"), (String) m.get("cpu"),
                (Integer) m.get("cpuUnits"), (Integer) m.get("bwlimit"), (String) m.get("arch"), (Boolean) m.get("acpi"),
                (Integer) m.get("memory"), (String) m.get("storage"), (Integer) m.get("systemDiskSize"), disks,
                (Integer) m.get("bandwidth"), (Boolean) m.get("onBoot"));
    }

    static DomainException refused(FlavourSpec.Draft d) {
        return assertThrows(DomainException.class, () -> FlavourSpec.define(d));
    }

    static void invalid(String field, Object value) {
        DomainException e = refused(with(draft("f"), field, value));
        assertEquals(ErrorCode.VALID_DATA_ERROR, e.code(), field);
        assertTrue(e.field().orElseThrow().startsWith(field), e.field().orElseThrow());
    }

    @Test
    void definingTakesTheLegacyDefaults() {
        FlavourSpec s = FlavourSpec.define(draft(" small "));
        assertEquals("small", s.name());
        assertEquals(1, s.sockets());
        assertEquals("kvm64", s.cpu());
        assertEquals(100, s.cpuUnits());
        assertEquals(1, s.cpuUnitsPercent());
        assertNull(s.bwlimitKbps());
        assertEquals("x86_64", s.arch());
        assertTrue(s.acpi());
        assertTrue(s.kvm());
        assertEquals(512, s.memoryMb());
        assertEquals("auto", s.storage());
        assertNull(s.systemDiskGb());
        assertTrue(s.dataDisks().isEmpty());
        assertEquals(1, s.bandwidthMbps());
    }

    @Test
    void apiUnitsAreConvertedBothWays() {
        FlavourSpec s = FlavourSpec.define(with(with(draft("f"), "cpuUnits", 50), "bwlimit", 100));
        assertEquals(5000, s.cpuUnits());
        assertEquals(50, s.cpuUnitsPercent());
        assertEquals(102400, s.bwlimitKbps());
        assertEquals(100, s.bwlimitMBps());
        assertEquals("aarch64", FlavourSpec.define(with(with(draft("f"), "arch", "arrch64"), "cpu", "max")).arch());
    }

    @Test
    void legacyRulesKeepTheirCodes() {
        assertEquals(ErrorCode.CPU_TYPE_NOT_EXIST, refused(with(draft("f"), "cpu", "kvm65")).code());
        assertEquals(ErrorCode.CPU_TYPE_NOT_EXIST, refused(with(draft("f"), "cpu", "host,flags=+aes")).code());
        DomainException nested = refused(with(draft("f"), "nested", true));
        assertEquals(ErrorCode.CPU_TYPE_NOT_SUPPORT_NESTED, nested.code());
        assertEquals("nested", nested.field().orElseThrow());
        assertEquals(ErrorCode.ARCHITECTURE_NOT_EXIST, refused(with(draft("f"), "arch", "sparc")).code());
        // an x86 model on an ARM flavour
        assertEquals(ErrorCode.CPU_TYPE_NOT_EXIST, refused(with(draft("f"), "arch", "aarch64")).code());
        FlavourSpec.define(with(with(draft("f"), "nested", true), "cpu", "host"));
    }

    @Test
    void everyRangeNamesItsField() {
        invalid("name", " ");
        invalid("name", "x".repeat(65));
        invalid("sockets", 0);
        invalid("sockets", 65);
        invalid("cores", 1025);
        invalid("threads", 0);
        invalid("cpuUnits", 0);
        invalid("cpuUnits", 101);
        invalid("bwlimit", -1);
        invalid("memory", 15);
        invalid("memory", 8 * 1024 * 1024 + 1);
        invalid("storage", "local lvm");
        invalid("storage", "x");
        invalid("storage", "1abc");
        invalid("systemDiskSize", 0);
        invalid("bandwidth", -1);
        invalid("cpuModel", -3L);
        invalid("dataDisk", Map.of("0", 10));
        invalid("dataDisk", Map.of("31", 10));
        invalid("dataDisk", Map.of("1", "local-lvm:vm-100-disk-0"));
        invalid("dataDisk", Map.of("1", 0));
        invalid("dataDisk", Map.of("1", Map.of("size", 10, "iops", 5)));
        invalid("dataDisk", Map.of("1", Map.of("size", 10, "storage", "../x")));
    }

    @Test
    void dataDisksAreNormalisedToSlots() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("scsi2", Map.of("size", "50", "storage", "local-lvm"));
        raw.put("1", 20);
        DataDisks d = FlavourSpec.define(with(draft("f"), "dataDisk", raw)).dataDisks();
        assertEquals("{\"1\":20,\"2\":{\"size\":50,\"storage\":\"local-lvm\"}}", d.json());
        Map<String, Object> dup = new LinkedHashMap<>();
        dup.put("1", 20);
        dup.put("scsi1", 30);
        invalid("dataDisk", dup);
    }

    @Test
    void revisingKeepsWhatWasNotSentAndChecksTheWhole() {
        FlavourSpec s = FlavourSpec.define(with(with(with(draft("f"), "cpu", "host"), "nested", true), "cpuModel", 4L));
        FlavourSpec r = s.revise(with(draft(null), "memory", 2048));
        assertEquals(2048, r.memoryMb());
        assertEquals("host", r.cpu());
        assertEquals(4L, r.cpuModelId());
        // switching the cpu type away from host while nested stays on breaks rule 1010
        assertEquals(ErrorCode.CPU_TYPE_NOT_SUPPORT_NESTED,
                assertThrows(DomainException.class, () -> s.revise(with(draft(null), "cpu", "kvm64"))).code());
        assertNull(s.revise(with(draft(null), "cpuModel", 0L)).cpuModelId());
        assertTrue(s.revise(with(draft(null), "dataDisk", Map.of())).dataDisks().isEmpty());
    }
}
