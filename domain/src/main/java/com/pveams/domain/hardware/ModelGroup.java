package com.pveams.domain.hardware;

import com.pveams.domain.error.DomainException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A CPU identity plus SMBIOS structures given to VMs together (legacy {@code modelgroup}). Its QEMU {@code args}
 * are rendered from the typed models whenever the group or one of its models changes (the legacy code rendered
 * them once and left them stale), and never contain text an admin typed verbatim.
 * <p>The stored text is {@code <cpu properties> -smbios … -smbios …} (the legacy layout, without its literal
 * {@code null} for a group without CPU model); whoever builds a VM's command line renders from the typed models
 * ({@link CpuModel#cpuProperties()}, {@link SmbiosModel#smbiosArgument()}) rather than splicing this text.
 */
public final class ModelGroup {
    public static final int MAX_SMBIOS_MODELS = 32;
    public static final int INFO_MAX = 255;

    private final Long id;
    private final Instant createdAt;
    private final Long cpuModelId;
    private final List<Long> smbiosModelIds;
    private final String info;
    private final String args;

    public ModelGroup(Long id, Instant createdAt, Long cpuModelId, List<Long> smbiosModelIds, String info, String args) {
        this.id = id;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.cpuModelId = cpuModelId;
        this.smbiosModelIds = List.copyOf(smbiosModelIds);
        this.info = info;
        this.args = args;
    }

    /**
     * A group of these models, its args rendered from them. The models are the ones the ids name, already
     * loaded (a missing reference is the caller's error naming its field).
     */
    public static ModelGroup compose(Long id, Instant createdAt, CpuModel cpu, List<SmbiosModel> smbios, String info) {
        if (cpu == null && smbios.isEmpty()) {
            throw DomainException.invalid("cpuModel", "模型组至少需要一个 CPU 模型或 SMBIOS 模型",
                    "a model group needs a CPU model or at least one SMBIOS model");
        }
        if (smbios.size() > MAX_SMBIOS_MODELS) {
            throw DomainException.invalid("smbiosModel", "最多 " + MAX_SMBIOS_MODELS + " 个", "may name at most " + MAX_SMBIOS_MODELS);
        }
        return new ModelGroup(id, createdAt, cpu == null ? null : cpu.id(),
                smbios.stream().map(SmbiosModel::id).toList(), info(info), render(cpu, smbios));
    }

    /** The same group with its args rendered again from its (edited) models. */
    public ModelGroup recompose(CpuModel cpu, List<SmbiosModel> smbios) {
        return compose(id, createdAt, cpu, smbios, info);
    }

    static String render(CpuModel cpu, List<SmbiosModel> smbios) {
        List<String> parts = new ArrayList<>();
        if (cpu != null) {
            parts.add(cpu.cpuProperties());
        }
        for (SmbiosModel s : smbios) {
            parts.add(s.smbiosArgument());
        }
        return String.join(" ", parts);
    }

    /** The legacy id list {@code "1,2"}: positive ids, each once, in render order; blank means none. */
    public static List<Long> parseSmbiosIds(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String item : raw.split(",", -1)) {
            long id;
            try {
                id = Long.parseLong(item.strip());
            } catch (NumberFormatException e) {
                throw DomainException.invalid("smbiosModel", "必须是以逗号分隔的 SMBIOS 模型 ID", "must be comma-separated SMBIOS model ids");
            }
            if (id < 1) {
                throw DomainException.invalid("smbiosModel", "必须是以逗号分隔的 SMBIOS 模型 ID", "must be comma-separated SMBIOS model ids");
            }
            if (!ids.add(id)) {
                throw DomainException.invalid("smbiosModel", "重复的 ID " + id, "names id " + id + " twice");
            }
        }
        if (ids.size() > MAX_SMBIOS_MODELS) {
            throw DomainException.invalid("smbiosModel", "最多 " + MAX_SMBIOS_MODELS + " 个", "may name at most " + MAX_SMBIOS_MODELS);
        }
        return List.copyOf(ids);
    }

    public static String info(String raw) {
        if (raw == null) {
            return null;
        }
        String v = raw.strip();
        if (v.length() > INFO_MAX) {
            throw DomainException.invalid("info", "长度不能超过 " + INFO_MAX, "must be at most " + INFO_MAX + " characters");
        }
        return v;
    }

    /** The legacy comma-separated id string. */
    public String smbiosModelText() {
        return String.join(",", smbiosModelIds.stream().map(String::valueOf).toList());
    }

    public Long id() { return id; }
    public Instant createdAt() { return createdAt; }
    public Long cpuModelId() { return cpuModelId; }
    public List<Long> smbiosModelIds() { return smbiosModelIds; }
    public String info() { return info; }
    public String args() { return args; }
}
