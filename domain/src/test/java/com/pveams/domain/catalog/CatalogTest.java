package com.pveams.domain.catalog;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.settings.DefaultDiskSizes;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogTest {

    @Test
    void cpuTypesMatchTheLegacyList() {
        assertEquals(53, CpuTypes.all().size());
        assertTrue(CpuTypes.isKnown("kvm64"));
        assertFalse(CpuTypes.isKnown("kvm65"));
        assertTrue(CpuTypes.supportsNested("host"));
        assertFalse(CpuTypes.supportsNested("kvm64"));
    }

    @Test
    void theLegacyArchitectureMisspellingMeansAarch64() {
        assertEquals(Optional.of("aarch64"), OsCatalog.architecture("arrch64"));
        assertEquals(Optional.of("aarch64"), OsCatalog.architecture("aarch64"));
        assertEquals(Optional.of("x86_64"), OsCatalog.architecture("X86_64"));
        assertEquals(Optional.empty(), OsCatalog.architecture("sparc"));
    }

    @Test
    void everyArchitectureTheContractListsIsAccepted() {
        for (String listed : OsCatalog.CONTRACT_ARCHITECTURES) {
            assertTrue(OsCatalog.architecture(listed).isPresent(), listed);
        }
        assertEquals(OsCatalog.ARCHITECTURES, OsCatalog.CONTRACT_ARCHITECTURES.stream()
                .map(a -> OsCatalog.architecture(a).orElseThrow()).toList());
    }

    @Test
    void defaultDiskSizesNameTheBadField() {
        assertEquals("Windows", assertThrows(DomainException.class, () -> DefaultDiskSizes.of(40, null)).field().orElseThrow());
        assertEquals("Linux", assertThrows(DomainException.class, () -> DefaultDiskSizes.of(0, 60)).field().orElseThrow());
        assertEquals(new DefaultDiskSizes(40, 60), DefaultDiskSizes.of(40, 60));
    }
}
