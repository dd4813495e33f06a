package com.pveams.domain.region;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.region.Region.Placement;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionTest {
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");
    private final Region asia = new Region(1L, "亚洲", null, null, T);
    private final Region china = new Region(2L, "中国", "CN", 1L, T);

    @Test
    void aNewRegionIsTopLevelOrAChildOfATopLevelRegion() {
        Region top = Region.create("欧洲", null, null, T);
        assertTrue(top.isTopLevel());
        assertEquals(0, top.realm());
        Region child = Region.create(" 日本 ", "JP", asia, T);
        assertEquals(1L, child.parentId());
        assertEquals(1, child.realm());
        assertEquals("日本", child.name());
    }

    @Test
    void aChildOfAChildWouldBeAThirdLevelAndIsRefused() {
        DomainException e = assertThrows(DomainException.class, () -> Region.create("北京", null, china, T));
        assertEquals(ErrorCode.VALID_DATA_ERROR, e.code());
        assertEquals("parent", e.field().orElseThrow());
    }

    @Test
    void aRegionCannotBeItsOwnParent() {
        DomainException e = assertThrows(DomainException.class, () -> asia.moveUnder(asia, 0));
        assertEquals("parent", e.field().orElseThrow());
    }

    @Test
    void aRegionCannotMoveUnderAChildIncludingItsOwn() {
        DomainException e = assertThrows(DomainException.class, () -> asia.moveUnder(china, 1));
        assertEquals("parent", e.field().orElseThrow());
    }

    @Test
    void aRegionWithChildrenCannotBecomeAChild() {
        Region europe = new Region(3L, "欧洲", null, null, T);
        DomainException e = assertThrows(DomainException.class, () -> asia.moveUnder(europe, 2));
        assertEquals(ErrorCode.ERROR, e.code());
        assertEquals("该地区下还有子地区，不能设为子级地区", e.render(false));
        asia.moveUnder(europe, 0);
        assertEquals(3L, asia.parentId());
    }

    @Test
    void aChildCanMoveToTheTopOrUnderAnotherTopLevelRegion() {
        Region europe = new Region(3L, "欧洲", null, null, T);
        china.moveUnder(europe, 0);
        assertEquals(3L, china.parentId());
        china.moveUnder(null, 0);
        assertTrue(china.isTopLevel());
    }

    @Test
    void deletingARegionWithChildrenIsRefusedWithAClearMessage() {
        DomainException e = assertThrows(DomainException.class, () -> asia.ensureDeletable(2));
        assertEquals(ErrorCode.ERROR, e.code());
        assertTrue(e.render(false).contains("子地区"), e.render(false));
        assertTrue(e.render(true).contains("child region"), e.render(true));
        asia.ensureDeletable(0);
    }

    @Test
    void namesAreRequiredBoundedAndPrintable() {
        assertEquals("name", assertThrows(DomainException.class, () -> Region.requireName(" ")).field().orElseThrow());
        assertEquals("name", assertThrows(DomainException.class, () -> Region.requireName(null)).field().orElseThrow());
        assertEquals("name", assertThrows(DomainException.class, () -> Region.requireName("a".repeat(65))).field().orElseThrow());
        assertEquals("name", assertThrows(DomainException.class, () -> Region.requireName("a\nb")).field().orElseThrow());
        assertEquals("地".repeat(64), Region.requireName("地".repeat(64)));
        assertEquals("geo", assertThrows(DomainException.class, () -> Region.requireGeo("g".repeat(256))).field().orElseThrow());
        assertNull(Region.requireGeo(""));
    }

    @Test
    void theDuplicateNameRefusalIsTheLegacyOne() {
        DomainException e = Region.duplicateName();
        assertEquals(20400, e.code().code());
        assertEquals("该地区已存在", e.render(false));
    }

    @Test
    void placementReadsRealmAndParentTheLegacyWay() {
        assertTrue(Placement.of(0, null).topLevel());
        assertTrue(Placement.of(0, 0L).topLevel());
        assertTrue(Placement.of(null, null).topLevel());
        assertTrue(Placement.of(null, 0L).topLevel());
        assertEquals(5L, Placement.of(1, 5L).parentId());
        assertEquals(5L, Placement.of(null, 5L).parentId());
    }

    @Test
    void placementRefusesContradictionsNamingTheField() {
        assertEquals("realm", assertThrows(DomainException.class, () -> Placement.of(0, 5L)).field().orElseThrow());
        assertEquals("parent", assertThrows(DomainException.class, () -> Placement.of(1, null)).field().orElseThrow());
        assertEquals("parent", assertThrows(DomainException.class, () -> Placement.of(1, 0L)).field().orElseThrow());
        assertEquals("realm", assertThrows(DomainException.class, () -> Placement.of(2, 5L)).field().orElseThrow());
        assertEquals("parent", assertThrows(DomainException.class, () -> Placement.of(null, -1L)).field().orElseThrow());
    }
}
