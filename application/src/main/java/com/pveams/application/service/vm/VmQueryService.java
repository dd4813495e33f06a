package com.pveams.application.service.vm;

import com.pveams.application.port.in.vm.VmDetails;
import com.pveams.application.port.in.vm.VmDetails.Live;
import com.pveams.application.port.in.vm.VmListRequest;
import com.pveams.application.port.in.vm.VmLookup;
import com.pveams.application.port.in.vm.VmQuery;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.crypto.UndecryptableSecretException;
import com.pveams.application.port.out.hypervisor.RrdPoint;
import com.pveams.application.port.out.vm.VmReader.StoredImage;
import com.pveams.application.port.out.vm.VmReader.StoredVm;
import com.pveams.domain.node.LoadHistory;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;
import com.pveams.domain.vm.GuestNetwork;
import com.pveams.domain.vm.VmState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * The read side of VMs. Rows are read in short transactions of their own ({@link VmStore}); PVE is asked afterwards,
 * outside any transaction, through {@link VmLiveData}.
 */
@Singleton
public class VmQueryService implements VmQuery {
    private static final System.Logger LOG = System.getLogger(VmQueryService.class.getName());
    /** The info endpoints' history: a day, as the contract says ("历史数据默认为一天"). */
    private static final LoadHistory INFO_HISTORY = new LoadHistory(LoadHistory.Timeframe.DAY,
            LoadHistory.Consolidation.AVERAGE);

    private final VmStore rows;
    private final VmLiveData live;
    private final SecretCipher cipher;

    @Inject
    public VmQueryService(VmStore rows, VmLiveData live, SecretCipher cipher) {
        this.rows = rows;
        this.live = live;
        this.cipher = cipher;
    }

    @Override
    public Page<VmDetails> list(VmListRequest request) {
        Page<StoredVm> page = rows.page(request);
        Map<Long, Live> statuses = live.statuses(page.records());
        return page.map(vm -> details(vm, null, statuses.get(vm.id()), null));
    }

    @Override
    public Page<VmDetails> deleted(PageRequest page) {
        return rows.deleted(page).map(vm -> details(vm, null, VmLiveData.standIn(vm, VmDetails.LiveProblem.VM_MISSING),
                null));
    }

    @Override
    public VmDetails info(VmLookup lookup) {
        StoredVm vm = rows.find(lookup);
        VmLiveData.Snapshot s = live.snapshot(vm, INFO_HISTORY);
        return details(vm, lookup.revealPassword() ? password(vm) : null, s.status(), rows(s.rrd()));
    }

    @Override
    public List<RrdRow> rrd(long hostId, LoadHistory history) {
        StoredVm vm = rows.find(new VmLookup(hostId, false, false));
        return rows(live.rrd(vm, history));
    }

    @Override
    public long count() {
        return rows.count();
    }

    @Override
    public long countByStatus(VmState state) {
        return rows.count(state);
    }

    private String password(StoredVm vm) {
        try {
            return cipher.decrypt(vm.guestPasswordEnc());
        } catch (UndecryptableSecretException e) {
            // shown as absent rather than failing the page; the operator sees why in the log
            LOG.log(System.Logger.Level.WARNING, "VM " + vm.id() + ": the guest password cannot be decrypted: "
                    + e.reason() + (e.keyId() == null ? "" : " (key id " + e.keyId() + ")"));
            return null;
        }
    }

    private static List<RrdRow> rows(List<RrdPoint> points) {
        return points.stream().map(p -> new RrdRow(p.time(), p.values())).toList();
    }

    private static VmDetails details(StoredVm vm, String password, Live status, List<RrdRow> rrd) {
        GuestNetwork net = GuestNetwork.of(vm.ipConfig());
        VmDetails.Host host = new VmDetails.Host(vm.id(), vm.nodeId(), vm.vmid(), vm.hostname(), vm.flavourId(),
                vm.sockets(), vm.cores(), vm.threads(), vm.devirtualization(), vm.kvm(), vm.cpuModelId(),
                vm.modelGroupId(), vm.cpu(), vm.cpuUnits(), vm.bwlimitKbps(), vm.args(), vm.arch(), vm.acpi(),
                vm.memoryMb(), vm.agent(), vm.guestUsername(), password, vm.osFileName(), vm.osName(), vm.osType(),
                vm.onBoot(), vm.bandwidthMbps(), vm.storage(), vm.systemDiskGb(), vm.dataDisk(), vm.bridge(),
                net.ipConfig(), net.ipData(), net.ipList(), vm.nested(), vm.nat(), vm.natRuleLimit(), vm.status(),
                vm.deleteState(), vm.createdAt(), vm.expiresAt());
        StoredImage i = vm.image();
        VmDetails.Os os = i == null
                ? new VmDetails.Os(null, vm.osName(), vm.osFileName(), vm.osType(), vm.arch(), null, null, null, null,
                null, null, null)
                : new VmDetails.Os(i.id(), i.name(), i.fileName(), i.type(), i.arch(), i.osType(), i.downloadType(),
                i.url(), i.path(), i.cloudInit(), i.status(), i.createdAt());
        return new VmDetails(host, os, vm.nodeName(), vm.regionName(), status, rrd);
    }
}
