package com.pveams.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StackSamplerTest {
    private static final String DUMP = """
            "executor-thread-1" #50 daemon prio=5 os_prio=0 cpu=1.0ms elapsed=1.0s tid=0x1 nid=0x2 runnable
               java.lang.Thread.State: RUNNABLE
            \tat sun.nio.ch.Net.poll(java.base@17/Native Method)
            \tat org.postgresql.core.PGStream.receiveChar(PGStream.java:1)
            \tat com.pveams.adapters.persistence.vm.VmReadAdapter.page(VmReadAdapter.java:10)
            \tat com.pveams.application.service.vm.VmReadService.byPage(VmReadService.java:20)

            "vert.x-eventloop-thread-0" #20 prio=5 os_prio=0 cpu=1.0ms elapsed=1.0s tid=0x3 nid=0x4 runnable
               java.lang.Thread.State: RUNNABLE
            \tat sun.nio.ch.EPoll.wait(java.base@17/Native Method)
            \tat io.netty.channel.epoll.Native.epollWait(Native.java:1)

            "executor-thread-2" #51 daemon prio=5 os_prio=0 cpu=1.0ms elapsed=1.0s tid=0x5 nid=0x6 runnable
               java.lang.Thread.State: RUNNABLE
            \tat com.fasterxml.jackson.core.json.UTF8JsonGenerator.writeString(UTF8JsonGenerator.java:1)
            \tat com.pveams.adapters.rest.vm.VmJson.record(VmJson.java:5)

            "executor-thread-3" #52 daemon prio=5 os_prio=0 cpu=1.0ms elapsed=1.0s tid=0x7 nid=0x8 waiting on condition
               java.lang.Thread.State: TIMED_WAITING (parking)
            \tat jdk.internal.misc.Unsafe.park(java.base@17/Native Method)
            \tat com.pveams.application.service.vm.LiveStatus.await(LiveStatus.java:3)

            "GC worker" #60 daemon prio=5 os_prio=0 runnable
               java.lang.Thread.State: RUNNABLE
            \tat java.util.HashMap.resize(HashMap.java:1)
            """;

    @Test
    void runnableThreadsCountAtTheirInnermostFrameOfOurCodeAndIdlePollersNot() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        StackSampler.count(DUMP, counts);
        StackSampler.count(DUMP, counts);
        assertEquals(Map.of(
                "com.pveams.adapters.persistence.vm.VmReadAdapter.page  [in sun.nio.ch.Net.poll]", 2,
                "com.pveams.adapters.rest.vm.VmJson.record  [in com.fasterxml.jackson.core.json.UTF8JsonGenerator.writeString]", 2,
                "java.util.HashMap.resize", 2), counts,
                "a request waiting for PostgreSQL counts, the idle event loop and the parked thread do not");
    }
}
