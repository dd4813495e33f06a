package com.pveams.application.service.vm.create;

import com.pveams.application.config.VmCreatePolicy;
import com.pveams.application.port.in.reservation.VmidReservations;
import com.pveams.application.port.in.vm.CreateVmCommand;
import com.pveams.application.port.in.vm.CreateVmResult;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.operation.OperationReader;
import com.pveams.application.port.out.operation.OperationSignals;
import com.pveams.application.port.out.vm.VmCreationStore;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.operation.Operation;
import com.pveams.domain.operation.OperationSearch;
import com.pveams.domain.operation.OperationStatus;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import com.pveams.domain.settings.DefaultDiskSizes;
import com.pveams.domain.vm.create.GuestSetup;
import com.pveams.domain.vm.create.ImageFacts;
import com.pveams.domain.vm.create.NewVm;
import com.pveams.domain.vm.create.VmHardware;
import com.pveams.domain.vm.create.VmRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public create's wait for its operation, and how the service answers each ending, with in-memory fakes. */
class VmCreateWaitTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static final class HandClock extends Clock {
        volatile Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Operations whose status the test sets; counts reads and runs {@code onRead} on each. */
    static final class Operations implements OperationReader, OperationSignals {
        final AtomicReference<OperationStatus> status = new AtomicReference<>(OperationStatus.RUNNING);
        final AtomicInteger reads = new AtomicInteger();
        final List<Runnable> subscribers = new ArrayList<>();
        volatile Runnable onRead = () -> { };
        volatile String error;

        @Override
        public Page<Operation> search(OperationSearch search, PageRequest page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Operation> findById(long id) {
            reads.incrementAndGet();
            onRead.run();
            return Optional.of(Operation.restore(id, "CREATE_VM", 1L, 1L, status.get(), Map.of(), error, "t", null,
                    T0, T0, null, List.of()));
        }

        @Override
        public void subscribe(Runnable wake) {
            subscribers.add(wake);
        }

        void signal() {
            subscribers.forEach(Runnable::run);
        }
    }

    @Test
    void aFinishedOperationIsAnsweredAtOnce() {
        Operations ops = new Operations();
        ops.status.set(OperationStatus.SUCCEEDED);
        OperationCompletion completion = new OperationCompletion(ops, ops, new HandClock());
        assertEquals(OperationStatus.SUCCEEDED, completion.await(5, Duration.ofHours(1)).orElseThrow().status());
        assertEquals(1, ops.reads.get());
    }

    @Test
    void theEnginesSignalWakesTheWaiter() throws Exception {
        Operations ops = new Operations();
        CountDownLatch firstRead = new CountDownLatch(1);
        ops.onRead = firstRead::countDown;
        OperationCompletion completion = new OperationCompletion(ops, ops, new HandClock());
        CompletableFuture<Optional<Operation>> waiting = CompletableFuture.supplyAsync(() -> completion.await(5, Duration.ofHours(1)));
        firstRead.await();
        ops.status.set(OperationStatus.FAILED);
        ops.signal();
        assertEquals(OperationStatus.FAILED, waiting.get().orElseThrow().status());
    }

    @Test
    void theWaitRunsOutOnTheClock() {
        Operations ops = new Operations();
        HandClock clock = new HandClock();
        ops.onRead = () -> clock.now = clock.now.plus(Duration.ofMinutes(10));
        OperationCompletion completion = new OperationCompletion(ops, ops, clock);
        assertTrue(completion.await(5, Duration.ofMinutes(25)).isEmpty());
        assertEquals(3, ops.reads.get(), "read at 10, 20 and 30 minutes: past the deadline after the third");
    }

    /** A transaction that writes VM 7 with operation 9, or fails writing. */
    static final class FakeTransaction extends VmCreateTransaction {
        final boolean fail;

        FakeTransaction(boolean fail) {
            super(null, null, null, null, null, null, null, null, null, null);
            this.fail = fail;
        }

        @Override
        public Prepared prepare(CreateVmCommand command) {
            VmRequest r = command.request();
            ImageFacts image = new ImageFacts(1, "Debian", "debian.qcow2", "linux", "debian", "x86_64", null);
            NewVm vm = new NewVm(1, null, null, VmHardware.resolve(r, null, 0, null), null, image,
                    GuestSetup.resolve(null, null, "Pass-word1", null, image, new DefaultDiskSizes(10, 20), new Random(1)),
                    "vmbr0", false, 0, T0.plusSeconds(3600), null);
            return new Prepared(vm, null, null, null);
        }

        @Override
        public Written write(CreateVmCommand command, Prepared prepared, VmidReservations.Reservation reservation) {
            if (fail) {
                throw new DomainException(ErrorCode.NO_AVAILABLE_IPV4);
            }
            return new Written(7, 9L, false);
        }
    }

    private static <T> T stub(Class<T> type, Map<String, java.util.function.Function<Object[], Object>> methods) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, m, args) -> {
            var f = methods.get(m.getName());
            if (f == null) {
                throw new UnsupportedOperationException(m.getName());
            }
            return f.apply(args);
        }));
    }

    private static VmCreationStore.StoredVm row(int status) {
        return new VmCreationStore.StoredVm(7, 1, 100, "h", null, 1, 1, 1, false, false, true, null, null, "kvm64", 100,
                0, null, "x86_64", true, 512, "local-lvm", 40, "{}", "vmbr0", Map.of(), null, "f", "n", "linux", false,
                1, "root", new byte[]{1}, status, T0, 0, false);
    }

    private static CreateVmCommand command(boolean await) {
        return new CreateVmCommand(new VmRequest(1L, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, "os", null, null, null,
                null, null, null, null, null, null, null), "api:x", null, await);
    }

    private static VmCreateService service(boolean failTx, Operations ops, List<Long> released) {
        VmidReservations vmids = stub(VmidReservations.class, Map.of("release", a -> {
            released.add((Long) a[0]);
            return null;
        }, "reserve", a -> new VmidReservations.Reservation(3, 1, 100, T0)));
        VmCreationStore store = stub(VmCreationStore.class, Map.of("find", a -> Optional.of(row(6))));
        SecretCipher cipher = stub(SecretCipher.class, Map.of("decrypt", a -> "Pass-word1"));
        HandClock clock = new HandClock();
        ops.onRead = () -> clock.now = clock.now.plus(Duration.ofSeconds(1));
        return new VmCreateService(new FakeTransaction(failTx), vmids, new OperationCompletion(ops, ops, clock), store,
                cipher, new VmCreatePolicy(Duration.ofSeconds(2)));
    }

    @Test
    void aWaitThatRunsOutAnswersTheVmStillCreating() {
        Operations ops = new Operations();
        CreateVmResult r = service(false, ops, new ArrayList<>()).create(command(true));
        assertEquals(6, r.status());
        assertEquals(9L, r.operationId());
        assertEquals("Pass-word1", r.password());
        assertTrue(ops.reads.get() >= 2);
    }

    @Test
    void anOperationThatFailedWithinTheWaitIs1011WithItsReason() {
        Operations ops = new Operations();
        ops.status.set(OperationStatus.FAILED);
        ops.error = "PVE refused the disk import";
        DomainException e = assertThrows(DomainException.class, () -> service(false, ops, new ArrayList<>()).create(command(true)));
        assertEquals(ErrorCode.CREATE_VM_FAILED, e.code());
        assertTrue(e.render(false).contains("PVE refused the disk import"), e.render(false));
    }

    @Test
    void theAdminCreateDoesNotWait() {
        Operations ops = new Operations();
        assertEquals(6, service(false, ops, new ArrayList<>()).create(command(false)).status());
        assertEquals(0, ops.reads.get());
    }

    @Test
    void aFailedWriteGivesTheVmidBack() {
        List<Long> released = new ArrayList<>();
        DomainException e = assertThrows(DomainException.class,
                () -> service(true, new Operations(), released).create(command(true)));
        assertEquals(ErrorCode.NO_AVAILABLE_IPV4, e.code());
        assertEquals(List.of(3L), released);
    }
}
