package com.pveams.bootstrap.e2e;

import com.pveams.application.port.out.RegionRepository;
import com.pveams.application.port.out.VncControllerRepository;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.support.InventoryRows;
import com.pveams.domain.console.ConsoleProtocol;
import com.pveams.domain.console.VncController;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.region.Region;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What a request racing past the services' checks meets: the schema refuses, and the persistence adapters turn
 * the violated constraint into the same refusal the check gives (not an internal error). The services' checks
 * are bypassed here by calling the output ports directly, each call in its own transaction.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class RegionConsoleConstraintsTest {
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    @Inject
    RegionRepository regions;
    @Inject
    VncControllerRepository controllers;

    private Region stored(String name, Long parentId) {
        return QuarkusTransaction.requiringNew().call(() ->
                regions.insertIfNameFree(new Region(null, name, null, parentId, T)).orElseThrow());
    }

    private DomainException refusal(Runnable write) {
        return assertThrows(DomainException.class, () -> QuarkusTransaction.requiringNew().run(write));
    }

    @Test
    void aNameTakenMeanwhileIsTheDuplicateRefusal() {
        Region a = stored(InventoryRows.unique("a"), null);
        Region b = stored(InventoryRows.unique("b"), null);
        DomainException e = refusal(() -> regions.update(new Region(b.id(), a.name(), null, null, T)));
        assertEquals(ErrorCode.ERROR, e.code());
        assertEquals("该地区已存在", e.render(false));
    }

    @Test
    void aParentThatBecameAChildMeanwhileIsRefusedNamingTheParent() {
        Region top = stored(InventoryRows.unique("top"), null);
        Region child = stored(InventoryRows.unique("child"), top.id());
        DomainException insert = refusal(() -> regions.insertIfNameFree(new Region(null, InventoryRows.unique("third"), null, child.id(), T)));
        assertEquals("parent", insert.field().orElseThrow());
        Region other = stored(InventoryRows.unique("other"), null);
        DomainException update = refusal(() -> regions.update(new Region(other.id(), other.name(), null, child.id(), T)));
        assertEquals("parent", update.field().orElseThrow());
        // a region that gained a child meanwhile cannot become a child itself
        DomainException demote = refusal(() -> regions.update(new Region(top.id(), top.name(), null, other.id(), T)));
        assertEquals("parent", demote.field().orElseThrow());
    }

    @Test
    void aChildAddedMeanwhileBlocksTheDelete() {
        Region top = stored(InventoryRows.unique("top"), null);
        stored(InventoryRows.unique("child"), top.id());
        DomainException e = refusal(() -> regions.delete(top.id()));
        assertEquals(ErrorCode.ERROR, e.code());
        assertEquals(true, e.render(false).contains("子地区"));
    }

    @Test
    void aControllerNameTakenMeanwhileIsTheDuplicateRefusal() {
        String taken = InventoryRows.unique("taken");
        QuarkusTransaction.requiringNew().run(() -> controllers.insertIfNameFree(
                VncController.create(taken, "10.0.0.1", 7600, null, ConsoleProtocol.HTTP, true, T)).orElseThrow());
        VncController other = QuarkusTransaction.requiringNew().call(() -> controllers.insertIfNameFree(
                VncController.create(InventoryRows.unique("other"), "10.0.0.2", 7600, null, ConsoleProtocol.HTTP, true, T)).orElseThrow());
        DomainException e = refusal(() -> controllers.update(new VncController(other.id(), taken, null, other.host(),
                other.port(), null, other.protocol(), true, other.createdAt())));
        assertEquals("该VNC控制器名称已存在", e.render(false));
    }
}
