package com.pveams.domain.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's software versions and health as its shell reported them at one moment: what the legacy agent's
 * {@code /status} and {@code /version} stood for, without an agent. Every value is parsed from a probe's output;
 * a probe that gave nothing readable leaves its value empty and adds a {@link ProbeProblem}, so one missing tool
 * never hides the rest of the report.
 *
 * @param checkedAt      when the probes ran
 * @param imageDirectory the node's image directory the disk figures are about
 */
public record NodeHostStatus(Instant checkedAt, String imageDirectory, Optional<PveManagerVersion> pve,
                             Optional<String> kernel, Optional<HostLoad> load, Optional<DiskSpace> imageDisk,
                             List<ToolStatus> tools, List<ProbeProblem> problems) {

    public NodeHostStatus {
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(imageDirectory, "imageDirectory");
        Objects.requireNonNull(pve, "pve");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(imageDisk, "imageDisk");
        tools = List.copyOf(tools);
        problems = List.copyOf(problems);
    }

    /**
     * Reads every probe's output. A probe absent from {@code outputs} (not run) counts as timed out: the report
     * never claims more than was seen.
     */
    public static NodeHostStatus assess(Instant checkedAt, String imageDirectory, Map<HostProbe, ProbeOutput> outputs) {
        Map<HostProbe, ProbeOutput> seen = new EnumMap<>(HostProbe.class);
        seen.putAll(outputs);
        List<ProbeProblem> problems = new ArrayList<>();

        Optional<PveManagerVersion> pve = read(HostProbe.PVE_VERSION, seen, problems, PveManagerVersion::parse);
        Optional<String> kernel = read(HostProbe.KERNEL, seen, problems, Kernel::parse);
        Optional<HostLoad> load = read(HostProbe.LOAD, seen, problems, HostLoad::parse);
        Optional<DiskSpace> disk = read(HostProbe.IMAGE_DISK, seen, problems, DiskSpace::parse);

        List<ToolStatus> tools = new ArrayList<>();
        for (HostProbe probe : HostProbe.values()) {
            if (!probe.isTool()) {
                continue;
            }
            ProbeOutput out = seen.getOrDefault(probe, ProbeOutput.timeout());
            if (out.succeeded()) {
                // present even when the version cannot be read: it ran
                tools.add(new ToolStatus(probe.check(), true, ToolStatus.parseVersion(out.stdout()).orElse(null)));
            } else {
                tools.add(new ToolStatus(probe.check(), false, null));
                problems.add(ProbeProblem.of(probe, out));
            }
        }
        return new NodeHostStatus(checkedAt, imageDirectory, pve, kernel, load, disk, tools, problems);
    }

    private static <T> Optional<T> read(HostProbe probe, Map<HostProbe, ProbeOutput> seen, List<ProbeProblem> problems,
                                        java.util.function.Function<String, Optional<T>> parser) {
        ProbeOutput out = seen.getOrDefault(probe, ProbeOutput.timeout());
        Optional<T> value = out.succeeded() ? parser.apply(out.stdout()) : Optional.empty();
        if (value.isEmpty()) {
            problems.add(ProbeProblem.of(probe, out));
        }
        return value;
    }

    /** Every probe answered and every tool is there. */
    public boolean healthy() {
        return problems.isEmpty();
    }

    /**
     * The kernel actually running: what {@code uname -r} said, else what {@code pveversion} said.
     */
    public Optional<String> runningKernel() {
        return kernel.or(() -> pve.map(PveManagerVersion::runningKernel));
    }
}
