package com.pveams.domain.pve;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.hardware.QemuArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each value PVE reads as part of an option refuses what would start another option, and keeps PVE's valid forms. */
class PveValuesTest {

    private static void refused(String field, Executable check) {
        DomainException e = assertThrows(DomainException.class, check);
        assertEquals(ErrorCode.VALID_DATA_ERROR, e.code());
        assertEquals(field, e.field().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b", "a=b", "a;b", "a b", "a\tb", "a\nb", "a\u0000b", "a\u007fb", "ä"})
    void theSeparatorRuleRefusesEverySeparator(String v) {
        refused("f", () -> PropertyValue.plain("f", v));
    }

    @Test
    void storageIds() {
        assertEquals("local-lvm", StorageId.check("storage", "local-lvm"));
        assertEquals("Ceph.rbd_1", StorageId.check("storage", "Ceph.rbd_1"));
        refused("storage", () -> StorageId.check("storage", "local-lvm,cache=unsafe"));
        refused("storage", () -> StorageId.check("storage", "local-lvm\n"));
        refused("storage", () -> StorageId.check("storage", "1local"));
        refused("storage", () -> StorageId.check("storage", "l"));
        refused("storage", () -> StorageId.check("storage", "a".repeat(65)));
    }

    @Test
    void bridges() {
        assertEquals("vmbr0", BridgeName.check("bridge", "vmbr0"));
        assertEquals("vmbr0.100", BridgeName.check("bridge", "vmbr0.100"));
        refused("bridge", () -> BridgeName.check("bridge", "vmbr0,firewall=0"));
        refused("bridge", () -> BridgeName.check("bridge", "vmbr0 tag=5"));
        refused("bridge", () -> BridgeName.check("bridge", "averyverylongbridge"));
    }

    @Test
    void macAddressesAreUnicastAndUpperCase() {
        assertEquals("BC:24:11:AA:00:0F", MacAddress.check("macAddress", "bc:24:11:aa:00:0f"));
        refused("macAddress", () -> MacAddress.check("macAddress", "BC:24:11:AA:00:0F,bridge=x"));
        refused("macAddress", () -> MacAddress.check("macAddress", "01:00:5E:00:00:01")); // multicast
        refused("macAddress", () -> MacAddress.check("macAddress", "BC-24-11-AA-00-0F"));
    }

    @Test
    void volumesAndImportSources() {
        assertEquals("local:iso/debian-12.iso", VolumeId.check("volume", "local:iso/debian-12.iso"));
        assertEquals("rbd:base-100-disk-0/vm-101-disk-0", VolumeId.check("volume", "rbd:base-100-disk-0/vm-101-disk-0"));
        refused("volume", () -> VolumeId.check("volume", "local-lvm:vm-1-disk-0,cache=unsafe"));
        refused("volume", () -> VolumeId.check("volume", "local:iso/a=b.iso"));
        refused("volume", () -> VolumeId.check("volume", "local:../../etc/shadow"));
        refused("volume", () -> VolumeId.check("volume", "no-colon"));
        refused("volume", () -> VolumeId.check("volume", "bad storage:x"));
        assertEquals("local:import/debian-12.qcow2", ImportSource.check("importFrom", "local:import/debian-12.qcow2"));
        assertEquals("/var/lib/vz/images/debian-12.qcow2",
                ImportSource.check("importFrom", "/var/lib/vz/images/debian-12.qcow2"));
        refused("importFrom", () -> ImportSource.check("importFrom", "/var/lib/x.qcow2,discard=ignore"));
        refused("importFrom", () -> ImportSource.check("importFrom", "/var/lib/vz/../../../etc/shadow"));
        refused("importFrom", () -> ImportSource.check("importFrom", "/var/lib/vz/"));
        refused("importFrom", () -> ImportSource.check("importFrom", "/a b.qcow2"));
    }

    @Test
    void cpuTypeAndFlags() {
        assertEquals("x86-64-v2-AES", CpuType.check("cpu", "x86-64-v2-AES"));
        assertEquals("custom-web", CpuType.check("cpu", "custom-web"));
        refused("cpu", () -> CpuType.check("cpu", "host,hidden=1"));
        assertEquals("+aes", CpuFlag.check("cpuFlags", "+aes"));
        assertEquals("-nested-virt", CpuFlag.check("cpuFlags", "-nested-virt"));
        refused("cpuFlags", () -> CpuFlag.check("cpuFlags", "+aes;+vmx"));
        refused("cpuFlags", () -> CpuFlag.check("cpuFlags", "aes"));
        refused("cpuFlags", () -> CpuFlag.check("cpuFlags", "+aes,hidden=1"));
    }

    @Test
    void guestAddressesAreParsedAndCanonical() {
        assertEquals("192.0.2.10/24", GuestAddress.ipv4Config("ipv4", "192.0.2.10/24"));
        assertEquals("dhcp", GuestAddress.ipv4Config("ipv4", "dhcp"));
        assertEquals("2001:db8::10/64", GuestAddress.ipv6Config("ipv6", "2001:DB8:0:0::10/64"));
        assertEquals("auto", GuestAddress.ipv6Config("ipv6", "auto"));
        refused("ipv4", () -> GuestAddress.ipv4Config("ipv4", "1.2.3.4/24,gw=1.2.3.1"));
        refused("ipv4", () -> GuestAddress.ipv4Config("ipv4", "1.2.3.4/24\ngw=1.2.3.1"));
        refused("ipv4", () -> GuestAddress.ipv4Config("ipv4", "1.2.3.4/24\n"));
        refused("ipv4", () -> GuestAddress.ipv4Config("ipv4", "1.2.3.4"));
        refused("ipv4", () -> GuestAddress.ipv4Config("ipv4", "1.2.3.4/7"));
        refused("ipv4", () -> GuestAddress.ipv4Config("ipv4", "2001:db8::1/64"));
        refused("ipv4", () -> GuestAddress.ipv4Config("ipv4", "auto"));
        refused("ipv6", () -> GuestAddress.ipv6Config("ipv6", "2001:db8::1/129"));
        assertEquals("192.0.2.1", GuestAddress.address("gateway4", "192.0.2.1", 4));
        refused("gateway4", () -> GuestAddress.address("gateway4", "192.0.2.1,ip6=auto", 4));
        refused("gateway4", () -> GuestAddress.address("gateway4", "2001:db8::1", 4));
        refused("nameserver", () -> GuestAddress.address("nameserver", "1.1.1.1 8.8.8.8", 0));
    }

    @Test
    void namesTagsKeysAndCicustom() {
        assertEquals("web-42.example.com", DnsName.check("name", "web-42.example.com"));
        refused("name", () -> DnsName.check("name", "web 42"));
        refused("name", () -> DnsName.check("name", "-web"));
        assertEquals("customer-42", PveTag.check("tags", "customer-42"));
        refused("tags", () -> PveTag.check("tags", "a;b"));
        assertEquals("scsi1", ConfigKey.check("delete", "scsi1"));
        refused("delete", () -> ConfigKey.check("delete", "scsi1,args"));
        assertEquals("user=local:snippets/u.yaml,network=local:snippets/n.yaml",
                CloudInitCustom.check("cicustom", "user=local:snippets/u.yaml,network=local:snippets/n.yaml"));
        refused("cicustom", () -> CloudInitCustom.check("cicustom", "user=local:snippets/u.yaml,user=local:snippets/x"));
        refused("cicustom", () -> CloudInitCustom.check("cicustom", "user=local:snippets/u.yaml,args=-chardev"));
        refused("cicustom", () -> CloudInitCustom.check("cicustom", "user=local:snippets/u.yaml network=local:x"));
    }

    @Test
    void freeTextRefusesControlCharacters() {
        assertEquals("line 1\nline 2", PropertyValue.text("description", "line 1\nline 2", 100, true));
        refused("description", () -> PropertyValue.text("description", "a\u0000b", 100, true));
        refused("cipassword", () -> PropertyValue.text("cipassword", "pw\nruncmd: [x]", 100, false));
        refused("description", () -> PropertyValue.text("description", "x".repeat(101), 100, true));
    }

    @Test
    void argsHoldOnlyRenderedSmpCpuAndSmbiosOptions() {
        String rendered = "-smp 4,cores=2,threads=1,maxcpus=4 -cpu host,model-id='Intel Xeon Gold',family=6,"
                + "vendor='GenuineIntel',l3-cache=on,+avx2,hv_spinlocks=0x1fff,kvm=off -smbios type=1,"
                + "manufacturer='ASUS',uuid=2b7e1516-28ae-4d2a-9f6c-1234567890ab";
        assertEquals(rendered, QemuArgs.check("args", rendered));
        refused("args", () -> QemuArgs.check("args", "-cpu host -chardev file,id=x,path=/etc/shadow"));
        refused("args", () -> QemuArgs.check("args", "-smbios type=1,serial='x',uuid=1 -fw_cfg name=opt/x,file=/etc/x"));
        refused("args", () -> QemuArgs.check("args", "-smbios type=1,serial='x' -device x'"));
        refused("args", () -> QemuArgs.check("args", "-cpu host,model-id='a'b"));
        refused("args", () -> QemuArgs.check("args", "-cpu host,model-id='it''s'"));
        refused("args", () -> QemuArgs.check("args", "-cpu host,model-id='x\\'"));
        refused("args", () -> QemuArgs.check("args", "-cpu host\n-chardev x"));
        refused("args", () -> QemuArgs.check("args", "-cpu  host"));
        refused("args", () -> QemuArgs.check("args", "-cpu host "));
        refused("args", () -> QemuArgs.check("args", "-cpu"));
        refused("args", () -> QemuArgs.check("args", "host,+aes"));
        refused("args", () -> QemuArgs.check("args", "-cpu host,a=b=c"));
    }
}
