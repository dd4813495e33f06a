package com.pveams.application.service.vm.create;

import com.pveams.application.operation.StartOperation;
import com.pveams.application.port.in.reservation.AddressAllocation;
import com.pveams.application.port.in.reservation.AddressAllocation.AllocateAddresses;
import com.pveams.application.port.in.reservation.CreateClaims;
import com.pveams.application.port.in.reservation.VmidReservations;
import com.pveams.application.port.in.vm.CreateVmCommand;
import com.pveams.application.port.out.SettingsRepository;
import com.pveams.application.port.out.crypto.SecretCipher;
import com.pveams.application.port.out.hardware.CpuModelRepository;
import com.pveams.application.port.out.hardware.ModelGroupRepository;
import com.pveams.application.port.out.vm.VmCreationStore;
import com.pveams.application.port.out.vm.VmCreationStore.NodeFacts;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;
import com.pveams.domain.flavour.FlavourSpec;
import com.pveams.domain.hardware.CpuModel;
import com.pveams.domain.hardware.ModelGroup;
import com.pveams.domain.network.IpAddress;
import com.pveams.domain.reservation.AllocatedAddress;
import com.pveams.domain.reservation.VmHostname;
import com.pveams.domain.settings.SystemSettings;
import com.pveams.domain.vm.build.ProvisioningPlan;
import com.pveams.domain.vm.create.CpuArgs;
import com.pveams.domain.vm.create.Expiry;
import com.pveams.domain.vm.create.GuestSetup;
import com.pveams.domain.vm.create.ImageFacts;
import com.pveams.domain.vm.create.ImageRef;
import com.pveams.domain.vm.create.NewVm;
import com.pveams.domain.vm.create.PveRootOptions;
import com.pveams.domain.vm.create.VmHardware;
import com.pveams.domain.vm.create.VmNetwork;
import com.pveams.domain.vm.create.VmRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The create's two transactions: {@link #prepare} runs the checks in the legacy order, {@link #write} the row, the
 * addresses and the operation. Between them {@link VmCreateService} reserves the VMID (committed on its own) and
 * gives it back when {@link #write} fails, which rolls back everything it wrote.
 */
@Singleton
public class VmCreateTransaction {
    private final CreateClaims claims;
    private final VmidReservations vmids;
    private final AddressAllocation addresses;
    private final StartOperation operations;
    private final VmCreationStore store;
    private final SettingsRepository settings;
    private final CpuModelRepository cpuModels;
    private final ModelGroupRepository modelGroups;
    private final SecretCipher cipher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public VmCreateTransaction(CreateClaims claims, VmidReservations vmids, AddressAllocation addresses,
                               StartOperation operations, VmCreationStore store, SettingsRepository settings,
                               CpuModelRepository cpuModels, ModelGroupRepository modelGroups, SecretCipher cipher,
                               Clock clock) {
        this.claims = claims;
        this.vmids = vmids;
        this.addresses = addresses;
        this.operations = operations;
        this.store = store;
        this.settings = settings;
        this.cpuModels = cpuModels;
        this.modelGroups = modelGroups;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * The checked request, ready to be written ({@link #write}); or, when its {@code Idempotency-Key} named a VM
     * already created, that VM.
     */
    public record Prepared(NewVm vm, AllocateAddresses addresses, IpAddress requestedDns, Long existingVmId) {
        static Prepared existing(long vmId) {
            return new Prepared(null, null, null, vmId);
        }
    }

    public record Written(long vmId, Long operationId, boolean repeated) {
    }

    /**
     * Every check in the legacy order, reading only; its own short transaction, so a create never holds two
     * connections (the VMID reservation that follows commits on its own).
     */
    @Transactional
    public Prepared prepare(CreateVmCommand command) {
        VmRequest r = command.request();
        String idempotencyKey = null;
        if (command.idempotencyKey() != null) {
            CreateClaims.IdempotentCreate claim = claims.claimIdempotencyKey(command.caller(), command.idempotencyKey());
            if (claim.existingVmId().isPresent()) {
                return Prepared.existing(claim.existingVmId().get());
            }
            idempotencyKey = claim.key().stored();
        }
        // 1. hostname (1043; claimed again when the row is written), 2. node (1001, 1002, 1003)
        String hostname = r.hasHostname() ? claims.claimHostname(r.hostname()).value() : null;
        long nodeId = r.requireNode();
        NodeFacts node = store.node(nodeId).orElseThrow(() -> new DomainException(ErrorCode.NODE_NOT_EXIST, "nodeid", null, null));
        if (node.state() != 0) {
            throw new DomainException(ErrorCode.NODE_NOT_AVAILABLE, "nodeid", null, null);
        }
        // 3. flavour (1020), 4–11. hardware with its defaults (1007, 1010, 1009)
        FlavourSpec flavour = null;
        if (r.namesFlavour()) {
            flavour = store.flavour(r.configureTemplateId()).orElseThrow(() ->
                    new DomainException(ErrorCode.CONFIGURE_TEMPLATE_NOT_EXIST, "configureTemplateId", null, null));
        }
        SystemSettings system = settings.load();
        VmHardware hw = VmHardware.resolve(r, flavour, system.defaultBwlimitKbps(), node.autoStorage());
        String bridge = VmNetwork.bridge(r.bridge(), r.nat(), node.natEnabled(), node.natBridge());
        // 14–15. image (1006, 1014, 1015), 16–19. guest
        ImageFacts image = image(r.requireImage(), nodeId);
        GuestSetup guest = GuestSetup.resolve(r.osType(), r.username(), r.password(), hw.spec().systemDiskGb(), image,
                system.diskSizes(), random);
        // CPU model or group → args, which only root@pam may set
        String argsField = hw.spec().modelGroupId() != null ? "modelGroup" : hw.spec().cpuModelId() != null ? "cpuModel" : null;
        PveRootOptions.require(node.tokenLogin(), node.pveUserId(), argsField, hw.spec().arch());
        String args = args(hw, guest, argsField);
        NewVm vm = new NewVm(nodeId, hostname, flavour == null ? null : r.configureTemplateId(), hw, args, image, guest,
                bridge, r.nat(), NewVm.flowLimitBytes(r.flowLimit()), Expiry.of(r.expirationTime(), clock.instant()),
                idempotencyKey);
        AllocateAddresses wanted = AllocateAddresses.of(nodeId, 0, r.ipv4num(), r.ipv6num(),
                VmNetwork.requestedAddresses(r.ipConfig()), r.nat(), r.publicIpPoolId());
        return new Prepared(vm, wanted, VmNetwork.dns1(r.dns1(), null), null);
    }

    /**
     * Claims the hostname and key for good, writes the row on the reserved VMID, holds the addresses and starts the
     * build. A VM that another create with the same key committed meanwhile is answered instead.
     */
    @Transactional
    public Written write(CreateVmCommand command, Prepared prepared, VmidReservations.Reservation reservation) {
        NewVm vm = prepared.vm();
        if (command.idempotencyKey() != null) {
            CreateClaims.IdempotentCreate claim = claims.claimIdempotencyKey(command.caller(), command.idempotencyKey());
            if (claim.existingVmId().isPresent()) {
                return new Written(claim.existingVmId().get(), null, true);
            }
        }
        String hostname = vm.hostname() == null ? null : claims.claimHostname(vm.hostname()).value();
        long nodeId = vm.nodeId();
        long vmId = store.insert(vm, reservation.vmid(), cipher.encrypt(vm.guest().password().reveal()));
        vmids.bind(reservation.id(), vmId);
        List<AllocatedAddress> held = addresses.allocate(new AllocateAddresses(nodeId, vmId, prepared.addresses().request()));
        if (hostname == null) {
            hostname = claims.claimHostname(VmNetwork.hostnameFrom(held)).value();
        }
        IpAddress dns = prepared.requestedDns() != null ? prepared.requestedDns()
                : held.isEmpty() ? null : store.poolDns(held.get(0).poolId()).orElse(null);
        store.completeNetwork(vmId, hostname, VmNetwork.ipConfig(held), dns);
        long operationId = operations.start(ProvisioningPlan.create(vmId, nodeId, reservation.vmid(), reservation.id(),
                command.caller()));
        return new Written(vmId, operationId, false);
    }

    private ImageFacts image(ImageRef ref, long nodeId) {
        Optional<ImageFacts> found = ref.id().isPresent() ? store.image(ref.id().getAsLong()) : Optional.empty();
        for (ImageRef.Lookup l : ref.lookups()) {
            if (found.isPresent()) {
                break;
            }
            found = store.image(l.by(), l.value());
        }
        ImageFacts image = found.orElseThrow(ref::notFound);
        if (!store.downloadedOn(image.id(), nodeId)) {
            throw ref.notOnNode();
        }
        return image;
    }

    private String args(VmHardware hw, GuestSetup guest, String argsField) {
        if (argsField == null) {
            return null;
        }
        boolean windows = "windows".equals(guest.osType());
        if (hw.spec().modelGroupId() != null) {
            ModelGroup group = modelGroups.lockForReference(hw.spec().modelGroupId()).orElseThrow(() ->
                    DomainException.invalid("modelGroup", "模型组不存在", "no such model group"));
            return CpuArgs.render(hw, windows, null, group.args()).orElse(null);
        }
        CpuModel model = cpuModels.lockForReference(hw.spec().cpuModelId()).orElseThrow(() ->
                DomainException.invalid("cpuModel", "CPU 模型不存在", "no such CPU model"));
        return CpuArgs.render(hw, windows, model, null).orElse(null);
    }
}
