package com.pveams.domain.flavour;

import java.time.Instant;
import java.util.Objects;

/**
 * A flavour (legacy {@code configuretemplate}): a named VM shape that create requests can name instead of
 * sending every value. VMs copy its values at create time, so editing or deleting it never changes a running VM.
 */
public final class Flavour {
    private final Long id;
    private final Instant createdAt;
    private final FlavourSpec spec;

    public Flavour(Long id, Instant createdAt, FlavourSpec spec) {
        this.id = id;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    public static Flavour define(FlavourSpec.Draft draft, Instant now) {
        return new Flavour(null, now, FlavourSpec.define(draft));
    }

    public Flavour revise(FlavourSpec.Draft draft) {
        return new Flavour(id, createdAt, spec.revise(draft));
    }

    public Long id() { return id; }
    public Instant createdAt() { return createdAt; }
    public FlavourSpec spec() { return spec; }
}
