package com.pveams.adapters.pve.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pveams.adapters.pve.client.FormEncoding;
import com.pveams.adapters.pve.mapping.VmSettingsRenderer;
import com.pveams.application.port.out.hypervisor.CpuSpec;
import com.pveams.application.port.out.hypervisor.DiskSpec;
import com.pveams.application.port.out.hypervisor.IpConfig;
import com.pveams.application.port.out.hypervisor.NetDevice;
import com.pveams.application.port.out.hypervisor.VmSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator must reject what PVE rejects, or "every request passes" means nothing. */
class PveSchemaValidatorTest {

    static final PveSchemaValidator V = PveSchemaValidator.load();

    static Map<String, String> errors(String method, String path, Map<String, String> params) {
        String body = FormEncoding.form(params);
        boolean form = method.equals("POST") || method.equals("PUT");
        String uri = "/api2/json" + path + (!form && !body.isEmpty() ? "?" + body : "");
        return V.errors(method, uri, "application/x-www-form-urlencoded", form ? body : null);
    }

    static Map<String, String> create(Map<String, String> params) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("vmid", "100");
        p.putAll(params);
        return errors("POST", "/nodes/pve1/qemu", p);
    }

    @Test
    void acceptsAFullyRenderedVm() {
        VmSettings s = VmSettings.builder().name("web-1.example.com").memoryMiB(2048).balloonMiB(0).sockets(1)
                .cores(2).cpu(new CpuSpec("host", List.of("+aes", "+nested-virt"), true)).cpuLimit(1.5)
                .cpuUnits(1024).osType("win11").onBoot(false).agent(true).acpi(true).kvm(true)
                .scsiHardware("virtio-scsi-pci").bios("ovmf").machine("q35")
                .net(new NetDevice(0, "virtio", "bc:24:11:00:00:01", "vmbr0", true, 12.5, 100, 1500, 2))
                .net(NetDevice.virtio(1, "vmbr1"))
                .disk(DiskSpec.newVolume(DiskSpec.Bus.SCSI, 0, "local-lvm", 32))
                .disk(DiskSpec.importFrom(DiskSpec.Bus.VIRTIO, 1, "local-lvm", "local:import/win.qcow2"))
                .disk(DiskSpec.existing(DiskSpec.Bus.SATA, 0, "local-lvm:vm-100-disk-3"))
                .disk(DiskSpec.cloudInitDrive(DiskSpec.Bus.IDE, 2, "local-lvm"))
                .disk(DiskSpec.cdrom(DiskSpec.Bus.IDE, 0, "local:iso/virtio-win.iso"))
                .ipConfig(IpConfig.v4(0, "dhcp", null))
                .ipConfig(new IpConfig(1, "10.0.0.5/24", "10.0.0.1", "auto", null))
                .ciUser("Administrator").ciPassword("p@ss w0rd,=&").ciType("configdrive2")
                .ciCustom("network=local:snippets/net-100.yaml").nameserver("1.1.1.1").nameserver("8.8.8.8")
                .searchDomain("example.com").sshKey("ssh-ed25519 AAAA+/= me@host").bootOrder(List.of("scsi0", "net0"))
                .description("line1\nline2 ünïcödé").tag("prod").tag("web_1").args("-smp 4,cores=2").build();
        assertEquals(Map.of(), create(VmSettingsRenderer.render(s)));
    }

    @Test
    void rejectsUnknownParametersAndMissingRequiredOnes() {
        assertEquals("property is not defined in schema and the schema does not allow additional properties",
                create(Map.of("threads", "2")).get("threads"));
        assertTrue(errors("POST", "/nodes/pve1/qemu", Map.of("name", "x")).containsKey("vmid"));
        assertTrue(create(Map.of("net32", "model=virtio")).containsKey("net32"), "index range 0..31");
    }

    @Test
    void checksTypesRangesEnumsAndPatterns() {
        assertTrue(errors("POST", "/nodes/pve1/qemu", Map.of("vmid", "99")).get("vmid").contains("minimum"));
        assertTrue(create(Map.of("cores", "two")).get("cores").contains("integer"));
        assertTrue(create(Map.of("onboot", "true")).get("onboot").contains("boolean"), "top level: 0/1 only");
        assertTrue(create(Map.of("ostype", "win99")).get("ostype").contains("enumeration"));
        assertTrue(create(Map.of("name", "bad_name!")).containsKey("name"), "dns-name format");
        assertTrue(create(Map.of("cpulimit", "129")).containsKey("cpulimit"));
        assertTrue(errors("PUT", "/nodes/pve1/qemu/100/resize", Map.of("disk", "scsi0", "size", "10GB"))
                .containsKey("size"));
        assertTrue(errors("PUT", "/nodes/pve1/qemu/100/resize", Map.of("disk", "scsi31", "size", "10G"))
                .containsKey("disk"));
        assertEquals(Map.of(), errors("PUT", "/nodes/pve1/qemu/100/resize", Map.of("disk", "scsi0", "size", "+5G")));
        assertTrue(errors("GET", "/nodes/pve1/rrddata", Map.of("timeframe", "minute")).containsKey("timeframe"));
    }

    @Test
    void checksPropertyStrings() {
        assertTrue(create(Map.of("net0", "model=rtl9999,bridge=vmbr0")).get("net0").contains("net0.model"));
        assertTrue(create(Map.of("net0", "virtio=01:00:00:00:00:01")).get("net0").contains("macaddr"),
                "multicast MAC");
        assertEquals(Map.of(), create(Map.of("net0", "virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=1")));
        assertTrue(create(Map.of("net0", "bridge=vmbr0")).get("net0").contains("model"), "model is required");
        assertTrue(create(Map.of("net0", "model=virtio,model=e1000")).get("net0").contains("duplicate"));
        assertTrue(create(Map.of("ipconfig0", "gw=10.0.0.1")).get("ipconfig0").contains("requires"));
        assertTrue(create(Map.of("scsi0", "local-lvm:10,discard=maybe")).containsKey("scsi0"));
        assertTrue(create(Map.of("scsi0", "local-lvm:10,iopsx=5")).containsKey("scsi0"), "no such sub-key");
        assertEquals(Map.of(), create(Map.of("scsi0", "local-lvm:10,discard=on,ssd=yes,mbps_rd=12.5")));
        assertTrue(create(Map.of("cpu", "pentium-9000")).containsKey("cpu"), "unknown CPU model");
        assertTrue(create(Map.of("cpu", "host,flags=+avx512")).containsKey("cpu"), "flag not allowed in VM config");
        assertTrue(create(Map.of("cpu", "custom-x,reported-model=EPYC")).containsKey("cpu"));
        assertEquals(Map.of(), create(Map.of("cpu", "custom-gold,flags=+aes")));
        assertTrue(create(Map.of("boot", "order=scsi0;floppy0")).containsKey("boot"));
        assertTrue(create(Map.of("memory", "8")).containsKey("memory"), "minimum 16");
        assertTrue(create(Map.of("tags", "prod;we/b")).containsKey("tags"), "pve-tag charset");
    }

    @Test
    void sshKeysMustBePercentEncodedBeforeFormEncoding() {
        String key = "ssh-ed25519 AAAAC3Nz me@host";
        assertTrue(create(Map.of("sshkeys", key)).containsKey("sshkeys"), "raw key has spaces");
        assertEquals(Map.of(), create(Map.of("sshkeys", VmSettingsRenderer.sshKeys(List.of(key)))));
    }

    @Test
    void matchesPathTemplatesAndPathParameters() {
        String upid = "UPID:pve1:0000A1B2:0001F3A4:6650A1B2:qmstart:100:root@pam:";
        assertEquals(Map.of(), V.errors("GET", "/api2/json/nodes/pve1/tasks/" + FormEncoding.encode(upid)
                + "/status", null, null));
        assertTrue(V.errors("GET", "/api2/json/nodes/pve1/qemu/abc/status/current", null, null)
                .containsKey("vmid"));
        assertTrue(V.errors("GET", "/api2/json/nodes/pve1/qemu/100/nonsense", null, null).containsKey("_path"));
        assertTrue(V.errors("GET", "/api2/json/nodes/pve1/status?node=pve2", null, null).containsKey("node"),
                "path parameter repeated with another value");
        assertTrue(V.errors("POST", "/api2/json/nodes/pve1/storage/local/download-url",
                "application/x-www-form-urlencoded", "url=https%3A%2F%2Fx%2Fa.iso&filename=a.iso&content=iso"
                        + "&compression=xz").containsKey("compression"), "effective enum gz/lzo/zst/bz2");
    }
}
