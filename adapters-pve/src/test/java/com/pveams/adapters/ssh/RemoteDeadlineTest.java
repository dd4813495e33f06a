package com.pveams.adapters.ssh;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemoteDeadlineTest {

    @Test
    void theNodeStopsTheCommandBeforeWeStopWaiting() {
        for (Duration limit : List.of(Duration.ofMillis(1), Duration.ofMillis(700), Duration.ofSeconds(10),
                Duration.ofMinutes(2), Duration.ofHours(2))) {
            RemoteDeadline d = RemoteDeadline.within(limit);
            assertTrue(d.stopAfter().toMillis() > 0 && d.killAfter().toMillis() > 0, limit.toString());
            assertTrue(d.stopAfter().plus(d.killAfter()).compareTo(d.limit()) < 0, limit.toString());
            assertTrue(d.limit().compareTo(limit) >= 0, limit.toString());
        }
        assertEquals(new RemoteDeadline(Duration.ofMinutes(2), Duration.ofSeconds(110), Duration.ofSeconds(5)),
                RemoteDeadline.within(Duration.ofMinutes(2)));
        assertEquals(new RemoteDeadline(Duration.ofMillis(700), Duration.ofMillis(560), Duration.ofMillis(70)),
                RemoteDeadline.within(Duration.ofMillis(700)));
    }

    @Test
    void wrapsTheArgumentListInCoreutilsTimeout() {
        ShellCommand wrapped = RemoteDeadline.within(Duration.ofMillis(700)).wrap(ShellCommand.of("sleep", "86400"));
        assertEquals(List.of("timeout", "--kill-after=0.070s", "0.560s", "sleep", "86400"), wrapped.argv());
        assertEquals(List.of("timeout", "--kill-after=5s", "7190s", "qm"),
                RemoteDeadline.within(Duration.ofHours(2)).wrap(ShellCommand.of("qm")).argv());
    }

    @Test
    void tellsATimeoutFromTheCommandsOwnStatus() {
        RemoteDeadline d = RemoteDeadline.within(Duration.ofSeconds(10));
        assertTrue(d.stoppedTheCommand(124, Duration.ofSeconds(8)));
        assertTrue(d.stoppedTheCommand(137, Duration.ofSeconds(9)));
        assertFalse(d.stoppedTheCommand(137, Duration.ofSeconds(2))); // killed early by something else
        assertFalse(d.stoppedTheCommand(0, Duration.ofSeconds(9)));
        assertFalse(d.stoppedTheCommand(1, Duration.ofSeconds(9)));
    }
}
