package com.pveams.application.port.out.vm;

import com.pveams.domain.flavour.FlavourSpec;
import com.pveams.domain.network.IpAddress;
import com.pveams.domain.vm.create.ImageFacts;
import com.pveams.domain.vm.create.ImageRef;
import com.pveams.domain.vm.create.NewVm;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What a create reads of the inventory and the {@code vm} row it writes, in the caller's transaction. */
public interface VmCreationStore {

    /**
     * @param state       {@code node.status} (0 in service)
     * @param tokenLogin  the node logs in to PVE with an API token
     * @param pveUserId   the PVE user ({@code root@pam}…)
     */
    record NodeFacts(long id, int state, String autoStorage, boolean natEnabled, String natBridge, boolean tokenLogin,
                     String pveUserId) {
    }

    Optional<NodeFacts> node(long nodeId);

    /** The flavour's values, held against a concurrent delete until the transaction ends. */
    Optional<FlavourSpec> flavour(long flavourId);

    Optional<ImageFacts> image(long imageId);

    Optional<ImageFacts> image(ImageRef.By by, String value);

    /** The image's file is downloaded on the node ({@code os_image_node} state downloaded). */
    boolean downloadedOn(long imageId, long nodeId);

    Optional<IpAddress> poolDns(long poolId);

    /** Writes the row (status creating) with a provisional hostname and no addresses; returns its id. */
    long insert(NewVm vm, int vmid, byte[] guestPasswordCiphertext);

    /** The row's final hostname and network once its addresses are held. */
    void completeNetwork(long vmId, String hostname, Map<String, String> ipConfig, IpAddress dns1);

    /** A created VM's row, for the answer. */
    Optional<StoredVm> find(long vmId);

    record StoredVm(long id, long nodeId, int vmid, String hostname, Long flavourId, int sockets, int cores,
                    int threads, boolean nested, boolean devirtualization, boolean kvm, Long cpuModelId,
                    Long modelGroupId, String cpu, int cpuUnits, int bwlimitKbps, String args, String arch,
                    boolean acpi, int memoryMb, String storage, int systemDiskGb, String dataDisk, String bridge,
                    Map<String, String> ipConfig, String dns1, String osFileName, String osName, String osType,
                    boolean onBoot, int bandwidthMbps, String username, byte[] guestPasswordCiphertext, int status,
                    Instant expiresAt, long flowLimitBytes, boolean nat) {
    }
}
