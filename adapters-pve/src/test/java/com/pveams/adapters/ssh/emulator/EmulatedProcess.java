package com.pveams.adapters.ssh.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One program running on the emulated node. Signals are what a real node would deliver: SIGTERM ends a program
 * unless it ignores it (see {@link NodeEmulator.Builder#ignoresTerm}), SIGKILL always does. Closing the SSH channel
 * is not a signal: as with a real sshd and no terminal, the program keeps running.
 */
final class EmulatedProcess {
    static final String TERM = "TERM";
    static final String KILL = "KILL";

    /** Thrown inside a program's code when a signal ends it; the shell reports 128 + the signal number. */
    static final class Killed extends Exception {
        final int exitStatus;

        Killed(String signal) {
            super("killed by SIG" + signal);
            this.exitStatus = 128 + (signal.equals(KILL) ? 9 : 15);
        }
    }

    private final List<String> argv;
    private final boolean ignoresTerm;
    private final Runnable onChange;
    private final List<String> signals = new CopyOnWriteArrayList<>();
    private final CountDownLatch fatal = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile String fatalSignal;

    EmulatedProcess(List<String> argv, Set<String> ignoringTerm, Runnable onChange) {
        this.argv = List.copyOf(argv);
        this.ignoresTerm = !argv.isEmpty() && ignoringTerm.contains(argv.get(0));
        this.onChange = onChange;
    }

    List<String> argv() {
        return argv;
    }

    List<String> signals() {
        return List.copyOf(signals);
    }

    boolean running() {
        return ended.getCount() > 0;
    }

    void signal(String signal) {
        if (!running()) {
            return;
        }
        signals.add(signal);
        if (signal.equals(KILL) || !ignoresTerm) {
            fatalSignal = signal;
            fatal.countDown();
        }
        onChange.run();
    }

    /** What {@code sleep} does: wait for the time to pass, ending early only if a signal kills the program. */
    void sleep(Duration d) throws Killed, InterruptedException {
        if (fatal.await(d.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new Killed(fatalSignal);
        }
    }

    void exited() {
        ended.countDown();
        onChange.run();
    }

    /** Waits for the program to end; true if it did within {@code d}. */
    boolean awaitEnd(Duration d) throws InterruptedException {
        return ended.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    NodeEmulator.ProcessRecord record() {
        return new NodeEmulator.ProcessRecord(argv, running(), signals());
    }
}
