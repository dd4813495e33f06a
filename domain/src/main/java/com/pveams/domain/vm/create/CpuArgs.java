package com.pveams.domain.vm.create;

import com.pveams.domain.hardware.CpuModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The QEMU {@code args} of a VM with a CPU model or model group (legacy-behavior §5.7), rendered from typed values
 * only: the {@code -smp} topology (PVE has no {@code threads} option), {@code -cpu <type>} with the model's
 * properties and the virtualisation flags, then the group's {@code -smbios} arguments. Legacy BUGs fixed:
 * devirtualisation no longer needs nested, no missing dash, no literal {@code null}. Without a model: none (null
 * column), and PVE's own {@code cpu} option applies.
 */
public final class CpuArgs {
    /** Hides the hypervisor from a Windows guest (the legacy's list). */
    static final String WINDOWS_HIDDEN = "-hypervisor,+kvm_pv_unhalt,+kvm_pv_eoi,hv_spinlocks=0x1fff,hv_vapic,hv_time,"
            + "hv_reset,hv_vpindex,hv_runtime,hv_relaxed,kvm=off,hv_vendor_id=intel,hv_synic,hv_stimer";
    /** The legacy's list for other guests. */
    static final String OTHER_HIDDEN = "+kvm_pv_unhalt,+kvm_pv_eoi,hv_vendor_id=proxmox,hv_spinlocks=0x1fff,hv_vapic,"
            + "hv_time,hv_reset,hv_vpindex,hv_runtime,hv_relaxed,hv_synic,hv_stimer,hv_frequencies,hv_tlbflush,hv_ipi";

    private CpuArgs() {
    }

    /**
     * @param model     the request's CPU model, when no group is named
     * @param groupArgs the model group's stored args ({@code ModelGroup.args()}), which take priority
     */
    public static Optional<String> render(VmHardware hw, boolean windows, CpuModel model, String groupArgs) {
        String cpuProperties;
        String smbios = "";
        if (groupArgs != null) {
            String g = groupArgs.strip();
            int at = g.startsWith("-smbios") ? 0 : g.indexOf(" -smbios");
            cpuProperties = at < 0 ? g : g.substring(0, at).strip();
            smbios = at < 0 ? "" : g.substring(at).strip();
        } else if (model != null) {
            cpuProperties = model.cpuProperties();
        } else {
            return Optional.empty();
        }
        List<String> cpu = new ArrayList<>();
        cpu.add(hw.spec().cpu());
        if (!cpuProperties.isEmpty()) {
            cpu.add(cpuProperties);
        }
        if (!hw.spec().nested()) {
            // nested needs host/max, which pass VMX through already; without it the guest must not see VMX
            cpu.add("-vmx");
        }
        if (hw.spec().devirtualization()) {
            cpu.add(windows ? WINDOWS_HIDDEN : OTHER_HIDDEN);
        }
        var s = hw.spec();
        StringBuilder args = new StringBuilder("-smp ").append(hw.vcpus()).append(",sockets=").append(s.sockets())
                .append(",cores=").append(s.cores()).append(",threads=").append(s.threads())
                .append(",maxcpus=").append(hw.vcpus())
                .append(" -cpu ").append(String.join(",", cpu));
        if (!smbios.isEmpty()) {
            args.append(' ').append(smbios);
        }
        return Optional.of(args.toString());
    }
}
