package com.pveams.adapters.pve.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pveams.adapters.pve.client.FormEncoding;
import com.pveams.application.port.out.hypervisor.CpuSpec;
import com.pveams.application.port.out.hypervisor.DiskSpec;
import com.pveams.application.port.out.hypervisor.IpConfig;
import com.pveams.application.port.out.hypervisor.NetDevice;
import com.pveams.application.port.out.hypervisor.VmSettings;
import com.pveams.domain.error.DomainException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VmSettingsRendererTest {

    @Test
    void rendersPropertyStringsExactly() {
        assertEquals("model=virtio,bridge=vmbr0,firewall=1,rate=12.5",
                VmSettingsRenderer.net(NetDevice.virtio(0, "vmbr0").withRate(12.50)));
        assertEquals("virtio=BC:24:11:AA:BB:CC,bridge=vmbr0,firewall=0,tag=42",
                VmSettingsRenderer.net(new NetDevice(0, "virtio", "bc:24:11:aa:bb:cc", "vmbr0", false, null, 42,
                        null, null)));
        assertEquals("local-lvm:20,discard=on,iops_rd=500,mbps_wr=12.5",
                VmSettingsRenderer.disk(DiskSpec.newVolume(DiskSpec.Bus.SCSI, 1, "local-lvm", 20).withLimits(
                        new DiskSpec.Limits(500, null, 0, null, null, null, 12.5, null))));
        assertEquals("local-lvm:0,import-from=local:import/d.qcow2,discard=on",
                VmSettingsRenderer.disk(DiskSpec.importFrom(DiskSpec.Bus.SCSI, 0, "local-lvm",
                        "local:import/d.qcow2")));
        assertEquals("local-lvm:cloudinit",
                VmSettingsRenderer.disk(DiskSpec.cloudInitDrive(DiskSpec.Bus.IDE, 2, "local-lvm")));
        assertEquals("none,media=cdrom", VmSettingsRenderer.disk(DiskSpec.cdrom(DiskSpec.Bus.IDE, 2, null)));
        assertEquals("ip=192.0.2.5/24,gw=192.0.2.1,ip6=auto",
                VmSettingsRenderer.ipconfig(new IpConfig(0, "192.0.2.5/24", "192.0.2.1", "auto", null)));
        assertEquals("host,flags=+aes;-pcid,hidden=1",
                VmSettingsRenderer.cpu(new CpuSpec("host", List.of("+aes", "-pcid"), true)));
    }

    @Test
    void booleansAreZeroOneAndNumbersArePlain() {
        Map<String, String> p = VmSettingsRenderer.render(VmSettings.builder().onBoot(true).agent(false)
                .cpuLimit(2.0).balloonMiB(0).build());
        assertEquals("1", p.get("onboot"));
        assertEquals("0", p.get("agent"));
        assertEquals("2", p.get("cpulimit"));
        assertEquals("0", p.get("balloon"));
        assertEquals("0.0001", VmSettingsRenderer.number(1e-4));
    }

    @Test
    void sshKeysArePercentEncodedThenFormEncoded() {
        String rendered = VmSettingsRenderer.sshKeys(List.of("ssh-ed25519 AAAA+/= a@b", "ssh-rsa BBBB c"));
        assertEquals("ssh-ed25519%20AAAA%2B%2F%3D%20a%40b%0Assh-rsa%20BBBB%20c", rendered);
        assertEquals("sshkeys=ssh-ed25519%2520AAAA%252B%252F%253D%2520a%2540b%250Assh-rsa%2520BBBB%2520c",
                FormEncoding.form(Map.of("sshkeys", rendered)));
    }

    @Test
    void formEncodingNeverUsesPlus() {
        assertEquals("a%20b%2Bc%26d%3De%C3%BC", FormEncoding.encode("a b+c&d=eü"));
        assertEquals("/api2/json/nodes/pve1/tasks/UPID%3Apve1%3A00%3A", FormEncoding.path("nodes", "pve1", "tasks",
                "UPID:pve1:00:"));
    }

    @Test
    void typedSpecsRejectImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> IpConfig.v4(0, null, "192.0.2.1"));
        assertThrows(IllegalArgumentException.class, () -> new NetDevice(32, "virtio", null, "vmbr0", true, null,
                null, null, null));
        assertThrows(IllegalArgumentException.class, () -> DiskSpec.newVolume(DiskSpec.Bus.IDE, 4, "x", 1));
        assertThrows(DomainException.class, () -> new CpuSpec("host", List.of("aes"), false));
        assertFalse(VmSettings.builder().ciPassword("topsecret").build().toString().contains("topsecret"));
    }
}
