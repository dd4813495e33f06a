package com.pveams.application.port.out.vm;

import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import com.pveams.domain.vm.VmSearch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads VM rows with their node, region and image in one query per call (no query per VM). */
public interface VmReader {

    /** Live VMs ({@code delete_state = 0}) matching {@code search} (null = all), by id or newest first. */
    Page<StoredVm> page(VmSearch search, boolean newestFirst, PageRequest request);

    /** VMs in the recycle bin or deleted ({@code delete_state} 1 or 2), by id: {@code getDeleteVmByPage}. */
    Page<StoredVm> deletedPage(PageRequest request);

    /** A VM that is not purged. */
    Optional<StoredVm> byId(long id);

    /** Not-purged VMs with this PVE vmid (several when clusters overlap). */
    List<StoredVm> byVmid(int vmid);

    long countLive();

    long countLive(int status);

    /** The row, its node's names and the image row if it still exists ({@code os*} null otherwise). */
    record StoredVm(long id, Long nodeId, String nodeName, String regionName, int vmid, String hostname,
                    Long flavourId, int sockets, int cores, int threads, boolean devirtualization, boolean kvm,
                    Long cpuModelId, Long modelGroupId, String cpu, int cpuUnits, int bwlimitKbps, String args,
                    String arch, boolean acpi, int memoryMb, boolean agent, String guestUsername,
                    byte[] guestPasswordEnc, String osFileName, String osName, String osType, boolean onBoot,
                    int bandwidthMbps, String storage, int systemDiskGb, Map<String, Object> dataDisk, String bridge,
                    Map<String, String> ipConfig, boolean nested, boolean nat, int natRuleLimit, int status,
                    int deleteState, Instant createdAt, Instant expiresAt, StoredImage image) {
    }

    /** The {@code os_image} row. */
    record StoredImage(long id, String name, String fileName, String type, String arch, String osType,
                       int downloadType, String url, String path, boolean cloudInit, int status, Instant createdAt) {
    }
}
