package com.pveams.domain.maintenance;

import java.util.Objects;

/**
 * Why one probe of a health report gave no value. A kind and an exit status, never the command's output.
 *
 * @param exitStatus the command's exit status for MISSING and FAILED, otherwise {@code null}
 */
public record ProbeProblem(HostProbe probe, Kind kind, Integer exitStatus) {
    public enum Kind {
        /** The program is not installed (exit 127). */
        MISSING,
        /** It ran and reported failure (for {@code df}: usually the image directory does not exist). */
        FAILED,
        /** It did not finish within the probe timeout. */
        TIMED_OUT,
        /** It succeeded but printed something this service cannot read. */
        UNREADABLE
    }

    public ProbeProblem {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(kind, "kind");
    }

    static ProbeProblem of(HostProbe probe, ProbeOutput out) {
        if (out.timedOut()) {
            return new ProbeProblem(probe, Kind.TIMED_OUT, null);
        }
        if (out.exitStatus() == ProbeOutput.NOT_FOUND) {
            return new ProbeProblem(probe, Kind.MISSING, out.exitStatus());
        }
        if (out.exitStatus() != 0) {
            return new ProbeProblem(probe, Kind.FAILED, out.exitStatus());
        }
        return new ProbeProblem(probe, Kind.UNREADABLE, null);
    }
}
