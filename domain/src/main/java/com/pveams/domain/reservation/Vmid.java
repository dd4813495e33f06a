package com.pveams.domain.reservation;

import com.pveams.domain.error.DomainException;

import java.util.Optional;

/** A PVE VMID: PVE accepts 100 to 999,999,999 (ids below 100 are reserved for internal use). */
public record Vmid(int value) implements Comparable<Vmid> {
    public static final int MIN = 100;
    public static final int MAX = 999_999_999;

    public Vmid {
        if (value < MIN || value > MAX) {
            throw DomainException.invalid("vmid", "必须在 " + MIN + " 到 " + MAX + " 之间",
                    "must be between " + MIN + " and " + MAX);
        }
    }

    /**
     * Where a search for a free VMID starts. PVE's {@code /cluster/nextid} is only a hint (it reserves nothing
     * and answers concurrent callers alike): missing or below the range means the start of the range.
     */
    public static Vmid fromHint(Long hint) {
        if (hint == null || hint < MIN) {
            return new Vmid(MIN);
        }
        if (hint > MAX) {
            throw DomainException.invalid("vmid", "不能大于 " + MAX, "must not exceed " + MAX);
        }
        return new Vmid(hint.intValue());
    }

    /** The next id, none past the end of the range. */
    public Optional<Vmid> next() {
        return value == MAX ? Optional.empty() : Optional.of(new Vmid(value + 1));
    }

    @Override
    public int compareTo(Vmid o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
