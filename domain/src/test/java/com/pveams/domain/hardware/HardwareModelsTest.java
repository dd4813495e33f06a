package com.pveams.domain.hardware;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardwareModelsTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static CpuModel.Patch cpu(String name, String vendor, String other) {
        return new CpuModel.Patch(name, 6, 97, 2, "0xEC", "0x8000001E", vendor, true, other);
    }

    static String field(Runnable r) {
        DomainException e = assertThrows(DomainException.class, r::run);
        assertEquals(ErrorCode.VALID_DATA_ERROR, e.code());
        return e.field().orElseThrow();
    }

    @Test
    void cpuModelRendersTypedQuotedProperties() {
        CpuModel m = new CpuModel(1L, NOW, cpu("12th Gen Intel(R) Core(TM) i9-12900KS @ 5.50GHz", "GenuineIntel", "+avx2, -hypervisor").toSpec());
        assertEquals("model-id='12th Gen Intel(R) Core(TM) i9-12900KS @ 5.50GHz',family=6,model=97,stepping=2,level=0xEC,"
                + "xlevel=0x8000001E,vendor='GenuineIntel',l3-cache=on,+avx2,-hypervisor", m.cpuProperties());
        assertEquals("+avx2,-hypervisor", m.spec().extraFlagsText());
    }

    @Test
    void aMissingL3CacheIsOffNotACrash() {
        CpuModel m = new CpuModel(1L, NOW, new CpuModel.Patch("Plain", null, null, null, null, null, null, null, null).toSpec());
        assertEquals("model-id='Plain',l3-cache=off", m.cpuProperties());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' -chardev file,path=/etc/shadow '", "a,b", "a\"b", "a\\b", "line\nbreak", "中文"})
    void hostileCpuNamesAreRefused(String name) {
        assertEquals("name", field(() -> cpu(name, "GenuineIntel", null).toSpec()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+avx2 -device virtio", "+avx2,,-x", "avx2=on'", "-", "+a;b", "x=-chardev", ",+avx2"})
    void hostileFlagsAreRefused(String other) {
        assertEquals("other", field(() -> cpu("N", "GenuineIntel", other).toSpec()));
    }

    @Test
    void cpuFieldsAreBoundedAsQemuBoundsThem() {
        assertEquals("vendor", field(() -> cpu("N", "Intel", null).toSpec()));
        assertEquals("vendor", field(() -> cpu("N", "GenuineIntel'", null).toSpec()));
        assertEquals("family", field(() -> new CpuModel.Patch("N", 271, null, null, null, null, null, null, null).toSpec()));
        assertEquals("model", field(() -> new CpuModel.Patch("N", null, 256, null, null, null, null, null, null).toSpec()));
        assertEquals("stepping", field(() -> new CpuModel.Patch("N", null, null, 16, null, null, null, null, null).toSpec()));
        assertEquals("level", field(() -> new CpuModel.Patch("N", null, null, null, "0x1FFFFFFFF", null, null, null, null).toSpec()));
        assertEquals("xlevel", field(() -> new CpuModel.Patch("N", null, null, null, null, "4294967296", null, null, null).toSpec()));
        assertEquals("name", field(() -> new CpuModel.Patch("x".repeat(49), null, null, null, null, null, null, null, null).toSpec()));
        assertEquals("name", field(() -> new CpuModel.Patch(" ", null, null, null, null, null, null, null, null).toSpec()));
        // a 12-character vendor with spaces (Zhaoxin's) is kept as it is and quoted
        assertTrue(new CpuModel(1L, NOW, cpu("N", "  Shanghai  ", null).toSpec()).cpuProperties().contains("vendor='  Shanghai  '"));
    }

    @Test
    void patchKeepsWhatWasNotSentAndEmptyOtherClearsFlags() {
        CpuModel m = new CpuModel(1L, NOW, cpu("Old", "GenuineIntel", "+avx2").toSpec());
        CpuModel r = m.revise(new CpuModel.Patch("New", null, null, null, null, null, null, false, ""));
        assertEquals("New", r.spec().name());
        assertEquals(6, r.spec().family());
        assertEquals(List.of(), r.spec().extraFlags());
        assertFalse(r.spec().l3Cache());
    }

    static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void smbiosModelRendersItsFieldsInQemuOrder() {
        SmbiosModel m = new SmbiosModel(2L, NOW, SmbiosModel.Spec.parse(1,
                fields("version", "2022.1", "product", "ROG MAXIMUS Z690 EXTREME", "manufacturer", "ASUS", "sku", ""), "info"));
        assertEquals("-smbios type=1,manufacturer='ASUS',product='ROG MAXIMUS Z690 EXTREME',version='2022.1'", m.smbiosArgument());
        assertEquals("base64=1,manufacturer=QVNVUw==,product=Uk9HIE1BWElNVVMgWjY5MCBFWFRSRU1F,version=MjAyMi4x", m.smbios1().orElseThrow());
        SmbiosModel cpu = new SmbiosModel(3L, NOW, SmbiosModel.Spec.parse("4", fields("max-speed", 4800, "current-speed", "4800", "manufacturer", "Intel"), null));
        assertEquals("-smbios type=4,manufacturer='Intel',max-speed=4800,current-speed=4800", cpu.smbiosArgument());
        assertTrue(cpu.smbios1().isEmpty());
    }

    @Test
    void smbiosValuesAreCheckedByKind() {
        assertEquals("type", field(() -> SmbiosModel.Spec.parse(11, fields("path", "/etc/shadow"), null)));
        assertEquals("type", field(() -> SmbiosModel.Spec.parse(128, fields("vendor", "x"), null)));
        assertEquals("type", field(() -> SmbiosModel.Spec.parse("one", fields("vendor", "x"), null)));
        assertEquals("type", field(() -> SmbiosModel.Spec.parse(null, fields("vendor", "x"), null)));
        assertEquals("model.path", field(() -> SmbiosModel.Spec.parse(1, fields("path", "/etc/shadow"), null)));
        assertEquals("model.manufacturer", field(() -> SmbiosModel.Spec.parse(1, fields("manufacturer", "A',file=/etc/shadow"), null)));
        // spaces are allowed but stay inside the quoted value: one argument, never a new option
        assertEquals("-smbios type=1,manufacturer='A -device x'",
                new SmbiosModel(1L, NOW, SmbiosModel.Spec.parse(1, fields("manufacturer", "A -device x"), null)).smbiosArgument());
        assertEquals("model.uuid", field(() -> SmbiosModel.Spec.parse(1, fields("uuid", "not-a-uuid"), null)));
        assertEquals("model.max-speed", field(() -> SmbiosModel.Spec.parse(4, fields("max-speed", "70000"), null)));
        assertEquals("model.release", field(() -> SmbiosModel.Spec.parse(0, fields("release", "1.2.3"), null)));
        assertEquals("model.uefi", field(() -> SmbiosModel.Spec.parse(0, fields("uefi", "maybe"), null)));
        assertEquals("model.product", field(() -> SmbiosModel.Spec.parse(1, fields("product", Map.of("x", 1)), null)));
        assertEquals("model", field(() -> SmbiosModel.Spec.parse(1, fields("product", " "), null)));
        assertEquals("model", field(() -> SmbiosModel.Spec.parse(1, null, null)));
        assertEquals("info", field(() -> SmbiosModel.Spec.parse(1, fields("product", "p"), "i".repeat(256))));
    }

    @Test
    void typeOneMustFitPveSmbios1() {
        Map<String, Object> big = fields("manufacturer", "m".repeat(64), "product", "p".repeat(64), "version", "v".repeat(64),
                "serial", "s".repeat(64), "sku", "k".repeat(64), "family", "f".repeat(64));
        assertEquals("model", field(() -> SmbiosModel.Spec.parse(1, big, null)));
        // the same values are fine for type 2, which has no PVE counterpart
        SmbiosModel.Spec.parse(2, fields("manufacturer", "m".repeat(64), "product", "p".repeat(64), "version", "v".repeat(64),
                "serial", "s".repeat(64), "asset", "a".repeat(64), "location", "l".repeat(64)), null);
    }

    @Test
    void groupRendersCpuThenSmbiosAndNeedsSomething() {
        CpuModel cpu = new CpuModel(1L, NOW, cpu("Xeon", "GenuineIntel", null).toSpec());
        SmbiosModel s0 = new SmbiosModel(5L, NOW, SmbiosModel.Spec.parse(0, fields("vendor", "AMI"), null));
        SmbiosModel s1 = new SmbiosModel(6L, NOW, SmbiosModel.Spec.parse(1, fields("manufacturer", "Dell"), null));
        ModelGroup g = ModelGroup.compose(null, NOW, cpu, List.of(s1, s0), " grp ");
        assertEquals("model-id='Xeon',family=6,model=97,stepping=2,level=0xEC,xlevel=0x8000001E,vendor='GenuineIntel',l3-cache=on"
                + " -smbios type=1,manufacturer='Dell' -smbios type=0,vendor='AMI'", g.args());
        assertEquals("6,5", g.smbiosModelText());
        assertEquals("grp", g.info());
        ModelGroup noCpu = ModelGroup.compose(null, NOW, null, List.of(s0), null);
        assertEquals("-smbios type=0,vendor='AMI'", noCpu.args());
        assertEquals("cpuModel", field(() -> ModelGroup.compose(null, NOW, null, List.of(), null)));
    }

    @Test
    void smbiosIdListIsParsedStrictly() {
        assertEquals(List.of(3L, 1L), ModelGroup.parseSmbiosIds(" 3, 1"));
        assertEquals(List.of(), ModelGroup.parseSmbiosIds(""));
        assertEquals("smbiosModel", field(() -> ModelGroup.parseSmbiosIds("1,1")));
        assertEquals("smbiosModel", field(() -> ModelGroup.parseSmbiosIds("1,x")));
        assertEquals("smbiosModel", field(() -> ModelGroup.parseSmbiosIds("1,,2")));
        assertEquals("smbiosModel", field(() -> ModelGroup.parseSmbiosIds("0")));
    }

    @Test
    void referrerNamesItselfInTheRefusal() {
        DomainException e = new Referrer(Referrer.Kind.FLAVOUR, 7, "small").refuseDeletion("CPU模型", "CPU model");
        assertEquals(ErrorCode.ERROR, e.code());
        assertEquals("This CPU model is used by flavour #7 (small) and cannot be deleted", e.render(true));
        assertEquals("该CPU模型正被配置模板 #7 (small) 使用，无法删除", e.render(false));
    }
}
