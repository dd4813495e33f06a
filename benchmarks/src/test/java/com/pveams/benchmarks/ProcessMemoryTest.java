package com.pveams.benchmarks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessMemoryTest {

    @Test
    void vmRssIsReadFromTheStatusText() {
        String status = "Name:\tjava\nVmPeak:\t 5000000 kB\nVmRSS:\t  183452 kB\nRssAnon:\t 150000 kB\n";
        assertEquals(183452, ProcessMemory.vmRssKib(status));
        assertEquals(0, ProcessMemory.vmRssKib("Name:\tkthreadd\nState:\tS\n"), "kernel threads have no VmRSS");
    }

    @Test
    void theParentPidSurvivesACommandWithSpacesAndParentheses() {
        assertEquals(4242, ProcessMemory.parentPid("4300 (postgres: ams (x) idle) S 4242 4300 4300 0 -1"));
        assertEquals(1, ProcessMemory.parentPid("17 (java) S 1 17 17 0 -1"));
    }

    @Test
    void aChildProcessIsFoundAmongTheDescendants() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            assertTrue(ProcessMemory.descendants(ProcessHandle.current().pid()).contains(child.pid()));
            assertTrue(ProcessMemory.rssKib(ProcessHandle.current().pid()) > 0, "this JVM has resident memory");
        } finally {
            child.destroy();
        }
    }

    @Test
    void cpuTicksAreUtimePlusStime() {
        String stat = "4300 (postgres: ams (x) idle) S 4242 4300 4300 0 -1 4194560 500 0 0 0 1234 56 0 0 20 0 1 0";
        assertEquals(1290, ProcessCpu.ticks(stat));
    }

    @Test
    void aDetachedTreeIsFoundByItsCommandLine() throws Exception {
        String marker = "bench-marker-" + ProcessHandle.current().pid();
        Process child = new ProcessBuilder("sh", "-c", "sleep 30; : " + marker).start();
        try {
            assertTrue(ProcessMemory.treeByCommandLine(marker).contains(child.pid()));
        } finally {
            child.destroy();
        }
    }
}
