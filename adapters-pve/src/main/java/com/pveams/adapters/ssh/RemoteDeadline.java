package com.pveams.adapters.ssh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The limit a command gets on the node itself, so that a command we give up on does not keep running there.
 *
 * <p>Closing an SSH channel does not stop the program behind it (sshd sends no signal to a command without a
 * terminal), so every command runs under coreutils {@code timeout --kill-after=K STOP}: at STOP the node sends
 * SIGTERM to the command's whole process group (timeout puts the command in a group of its own, so children such as
 * the qemu-img that {@code qm disk import} starts go too), and SIGKILL K later if it is still there. STOP + K stays
 * below our own limit, so normally the node has stopped the command before we stop waiting.
 *
 * @param limit     our own limit for the command
 * @param stopAfter when the node sends SIGTERM
 * @param killAfter how long after SIGTERM the node sends SIGKILL
 */
record RemoteDeadline(Duration limit, Duration stopAfter, Duration killAfter) {
    /** timeout's exit status when it stopped the command with SIGTERM. */
    static final int TIMED_OUT = 124;
    /** The exit status when the command had to be killed (128 + SIGKILL). */
    static final int KILLED = 137;
    private static final Duration MAX_KILL_AFTER = Duration.ofSeconds(5);

    /** Grace K is a tenth of the limit (at most 5 s); SIGTERM at limit − 2K, SIGKILL at limit − K. */
    static RemoteDeadline within(Duration limit) {
        long limitMs = Math.max(3, limit.toMillis());
        long killMs = Math.max(1, Math.min(MAX_KILL_AFTER.toMillis(), limitMs / 10));
        long stopMs = Math.max(1, limitMs - 2 * killMs);
        return new RemoteDeadline(Duration.ofMillis(limitMs), Duration.ofMillis(stopMs), Duration.ofMillis(killMs));
    }

    /** {@code timeout --kill-after=K STOP argv…}. */
    ShellCommand wrap(ShellCommand command) {
        List<String> argv = new ArrayList<>(command.argv().size() + 3);
        argv.add("timeout");
        argv.add("--kill-after=" + seconds(killAfter));
        argv.add(seconds(stopAfter));
        argv.addAll(command.argv());
        return ShellCommand.of(argv);
    }

    /**
     * Whether an exit status means the node stopped the command at this deadline: 124 is timeout's own status; 137
     * is also what a command killed for another reason (the OOM killer) returns, so it counts only once the stop
     * time has passed.
     */
    boolean stoppedTheCommand(int exitStatus, Duration elapsed) {
        return exitStatus == TIMED_OUT || (exitStatus == KILLED && elapsed.compareTo(stopAfter) >= 0);
    }

    /** Seconds with millisecond precision, the way timeout reads a duration ({@code 0.560s}, {@code 110s}). */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : String.format(Locale.ROOT, "%d.%03ds", ms / 1000, ms % 1000);
    }
}
