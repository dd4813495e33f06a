-- Inventory and operations: regions, PVE nodes, IP pools and addresses, images, flavours, CPU/SMBIOS models,
-- console front-ends, VMs, VMID reservations and the durable operation engine.
--
-- Conventions (same as V1): BIGSERIAL ids, timestamptz times (the API turns them into epoch milliseconds),
-- named constraints. Codes that the legacy API exposes as numbers (node status, IP status, VM status,
-- delete_state, image download state, ...) are stored as those numbers in a SMALLINT with a CHECK, so the REST
-- adapter needs no translation table; vocabularies that are new in this service are upper-case text.
-- Secrets are stored only as ciphertext (BYTEA, written by the SecretCipher adapter). The minimum length on
-- those columns (12-byte nonce + 16-byte tag of an AEAD cipher) cannot prove a value is encrypted; it only
-- refuses short plaintext that slipped through by mistake.

-- ---------------------------------------------------------------------------------------------------------------
-- Regions ("area"): a two-level tree. Top-level regions have no parent; a child's parent must be top-level.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE region (
    id           BIGSERIAL PRIMARY KEY,
    name         VARCHAR(64)  NOT NULL,
    geo          VARCHAR(255),
    parent_id    BIGINT,
    -- API "realm": 0 = top-level, 1 = child. Derived from parent_id so the two can never disagree.
    level        SMALLINT     GENERATED ALWAYS AS (CASE WHEN parent_id IS NULL THEN 0 ELSE 1 END) STORED,
    -- the level the parent must have (0) when there is a parent; only exists to feed fk_region_parent
    parent_level SMALLINT     GENERATED ALWAYS AS (CASE WHEN parent_id IS NULL THEN NULL ELSE 0 END) STORED,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_region_name UNIQUE (name),
    CONSTRAINT uq_region_id_level UNIQUE (id, level),
    CONSTRAINT ck_region_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id),
    -- RESTRICT: a region with children cannot be deleted (legacy deleteArea refuses the same way)
    CONSTRAINT fk_region_parent FOREIGN KEY (parent_id, parent_level)
        REFERENCES region (id, level) ON DELETE RESTRICT
);
CREATE INDEX ix_region_parent ON region (parent_id, id) WHERE parent_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------------------------
-- PVE nodes ("master"): one row per Proxmox VE host we talk to.
-- PVE tickets/CSRF tokens are not stored: they are short-lived and every replica logs in for itself.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE node (
    id                       BIGSERIAL PRIMARY KEY,
    name                     VARCHAR(64)   NOT NULL,
    -- SET NULL: deleting a region unbinds its nodes (legacy behaviour), it does not delete them
    region_id                BIGINT CONSTRAINT fk_node_region REFERENCES region (id) ON DELETE SET NULL,
    host                     VARCHAR(255)  NOT NULL,
    api_port                 INTEGER       NOT NULL DEFAULT 8006,
    -- node name inside PVE, used in /nodes/{pve_node_name}/...
    pve_node_name            VARCHAR(64)   NOT NULL DEFAULT 'pve',
    -- PASSWORD: ticket login as username@realm; TOKEN: API token username@realm!token_id
    auth_mode                VARCHAR(16)   NOT NULL,
    realm                    VARCHAR(32)   NOT NULL DEFAULT 'pam',
    username                 VARCHAR(64)   NOT NULL,
    token_id                 VARCHAR(64),
    -- the password (PASSWORD) or the token secret (TOKEN), encrypted
    api_secret_enc           BYTEA         NOT NULL,
    -- PINNED: the certificate must have tls_fingerprint (SHA-256, PVE's "AA:BB:..." notation);
    -- CA: normal PKIX validation with hostname check. There is deliberately no "trust all" mode.
    tls_trust_mode           VARCHAR(16)   NOT NULL,
    tls_fingerprint          CHAR(95),
    -- SSH (cloud-init snippets, guest commands). ssh_host NULL = same as host. No secret = SSH not configured.
    ssh_host                 VARCHAR(255),
    ssh_port                 INTEGER       NOT NULL DEFAULT 22,
    ssh_username             VARCHAR(64)   NOT NULL DEFAULT 'root',
    ssh_auth_mode            VARCHAR(16)   NOT NULL DEFAULT 'PASSWORD',
    -- password (PASSWORD) or OpenSSH private key (PRIVATE_KEY), encrypted
    ssh_secret_enc           BYTEA,
    -- pinned host key, OpenSSH "SHA256:<base64>" notation; NULL = not pinned yet (how a key gets pinned is
    -- the SSH adapter's policy, not the schema's)
    ssh_host_key_fingerprint VARCHAR(50),
    -- 0 = online, 1 = offline (PVE login/health check failed), 2 = disabled by an admin
    status                   SMALLINT      NOT NULL DEFAULT 0,
    -- storage with the most free space, recomputed periodically; used when a VM asks for storage "auto"
    auto_storage             VARCHAR(64),
    backup_storage           VARCHAR(64),
    -- directory on the node that holds downloaded images
    image_dir                VARCHAR(255)  NOT NULL DEFAULT '/home/images',
    nat_enabled              BOOLEAN       NOT NULL DEFAULT FALSE,
    -- SDN vnet / bridge NAT VMs are attached to
    nat_bridge               VARCHAR(64),
    -- public address or domain shown to users of NAT VMs (legacy "nataddr")
    nat_public_address       VARCHAR(255),
    created_at               TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at               TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT uq_node_name UNIQUE (name),
    -- the same PVE node registered twice would hand out the same VMIDs and addresses twice
    CONSTRAINT uq_node_endpoint UNIQUE (host, api_port, pve_node_name),
    CONSTRAINT ck_node_api_port CHECK (api_port BETWEEN 1 AND 65535),
    CONSTRAINT ck_node_ssh_port CHECK (ssh_port BETWEEN 1 AND 65535),
    CONSTRAINT ck_node_pve_node_name CHECK (pve_node_name ~ '^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$'),
    CONSTRAINT ck_node_auth_mode CHECK (auth_mode IN ('PASSWORD', 'TOKEN')),
    CONSTRAINT ck_node_token_id CHECK ((auth_mode = 'TOKEN') = (token_id IS NOT NULL)),
    CONSTRAINT ck_node_api_secret_ciphertext CHECK (octet_length(api_secret_enc) >= 28),
    CONSTRAINT ck_node_tls_trust_mode CHECK (tls_trust_mode IN ('PINNED', 'CA')),
    CONSTRAINT ck_node_tls_pin CHECK (tls_trust_mode <> 'PINNED' OR tls_fingerprint IS NOT NULL),
    CONSTRAINT ck_node_tls_fingerprint CHECK (tls_fingerprint ~ '^([0-9A-F]{2}:){31}[0-9A-F]{2}$'),
    CONSTRAINT ck_node_ssh_auth_mode CHECK (ssh_auth_mode IN ('PASSWORD', 'PRIVATE_KEY')),
    CONSTRAINT ck_node_ssh_secret_ciphertext CHECK (octet_length(ssh_secret_enc) >= 28),
    CONSTRAINT ck_node_ssh_host_key CHECK (ssh_host_key_fingerprint ~ '^SHA256:[A-Za-z0-9+/]{43}$'),
    CONSTRAINT ck_node_status CHECK (status IN (0, 1, 2)),
    CONSTRAINT ck_node_image_dir CHECK (image_dir ~ '^/' AND image_dir !~ '(^|/)\.\.(/|$)'),
    CONSTRAINT ck_node_nat_bridge CHECK (NOT nat_enabled OR nat_bridge IS NOT NULL)
);
CREATE INDEX ix_node_region ON node (region_id, id);

-- ---------------------------------------------------------------------------------------------------------------
-- IP pools ("ipstatus") and their addresses ("ippool").
-- available/used/disabled counts are not stored: they are a GROUP BY over ip_address (the legacy copies drifted).
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE ip_pool (
    id            BIGSERIAL PRIMARY KEY,
    name          VARCHAR(64)  NOT NULL,
    -- RESTRICT: a node's pools are removed explicitly before the node (their addresses may still be held)
    node_id       BIGINT       NOT NULL CONSTRAINT fk_ip_pool_node REFERENCES node (id) ON DELETE RESTRICT,
    ip_version    SMALLINT     NOT NULL DEFAULT 4,
    prefix_length SMALLINT     NOT NULL,
    gateway       INET         NOT NULL,
    dns1          INET,
    dns2          INET,
    -- private pool NAT VMs of this node draw from (legacy master.natippool)
    nat           BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_ip_pool_node_name UNIQUE (node_id, name),
    -- target of ip_address's composite key: an address has the node and IP version of its pool
    CONSTRAINT uq_ip_pool_id_node_version UNIQUE (id, node_id, ip_version),
    CONSTRAINT ck_ip_pool_version CHECK (ip_version IN (4, 6)),
    CONSTRAINT ck_ip_pool_prefix CHECK ((ip_version = 4 AND prefix_length BETWEEN 8 AND 32)
                                     OR (ip_version = 6 AND prefix_length BETWEEN 1 AND 128)),
    CONSTRAINT ck_ip_pool_gateway CHECK (family(gateway) = ip_version AND masklen(gateway) = CASE ip_version WHEN 4 THEN 32 ELSE 128 END),
    CONSTRAINT ck_ip_pool_dns1 CHECK (family(dns1) = ip_version),
    CONSTRAINT ck_ip_pool_dns2 CHECK (family(dns2) = ip_version)
);
-- a node has at most one NAT pool
CREATE UNIQUE INDEX ux_ip_pool_nat_per_node ON ip_pool (node_id) WHERE nat;

-- ---------------------------------------------------------------------------------------------------------------
-- Flavours ("configuretemplate"), CPU identity models ("cpuinfo"), SMBIOS models, model groups.
-- These are referenced by VMs; see the vm table for what happens on deletion.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE cpu_model (
    id          BIGSERIAL PRIMARY KEY,
    -- rendered into QEMU "-cpu ...,model_id=<name>": commas, quotes, backslashes and control characters
    -- would let an admin smuggle extra QEMU options into args, so they are refused here as well
    name        VARCHAR(128) NOT NULL,
    family      INTEGER,
    model       INTEGER,
    stepping    INTEGER,
    level       VARCHAR(16),
    xlevel      VARCHAR(16),
    vendor      VARCHAR(12),
    -- NOT NULL: a missing value crashed the legacy args renderer
    l3_cache    BOOLEAN      NOT NULL DEFAULT FALSE,
    -- extra CPU flags appended to -cpu (legacy "other"), e.g. "+avx2,-hypervisor"
    extra_flags VARCHAR(1024),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT ck_cpu_model_name CHECK (name !~ '[,"''\\[:cntrl:]]' AND length(btrim(name)) > 0),
    CONSTRAINT ck_cpu_model_family CHECK (family BETWEEN 0 AND 511),
    CONSTRAINT ck_cpu_model_model CHECK (model BETWEEN 0 AND 255),
    CONSTRAINT ck_cpu_model_stepping CHECK (stepping BETWEEN 0 AND 15),
    CONSTRAINT ck_cpu_model_level CHECK (level ~ '^(0[xX][0-9A-Fa-f]{1,8}|[0-9]{1,10})$'),
    CONSTRAINT ck_cpu_model_xlevel CHECK (xlevel ~ '^(0[xX][0-9A-Fa-f]{1,8}|[0-9]{1,10})$'),
    -- CPUID vendor strings are exactly 12 characters (GenuineIntel, AuthenticAMD, ...)
    CONSTRAINT ck_cpu_model_vendor CHECK (vendor ~ '^[A-Za-z0-9 ]{12}$'),
    CONSTRAINT ck_cpu_model_extra_flags CHECK (extra_flags ~ '^[A-Za-z0-9_.=+,-]*$')
);
CREATE INDEX ix_cpu_model_created_at ON cpu_model (created_at DESC, id DESC);

CREATE TABLE smbios_model (
    id         BIGSERIAL PRIMARY KEY,
    -- SMBIOS structure type (QEMU -smbios type=N)
    type       SMALLINT     NOT NULL,
    -- field -> value, e.g. {"manufacturer":"Dell","product":"R730"}; values are strings
    model      JSONB        NOT NULL,
    info       VARCHAR(255),
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT ck_smbios_model_type CHECK (type BETWEEN 0 AND 127),
    CONSTRAINT ck_smbios_model_model CHECK (jsonb_typeof(model) = 'object'
        AND NOT (model @? '$.keyvalue() ? (@.value.type() != "string" || !(@.key like_regex "^[a-z_][a-z0-9_-]*$"))'))
);
CREATE INDEX ix_smbios_model_created_at ON smbios_model (created_at DESC, id DESC);

CREATE TABLE model_group (
    id           BIGSERIAL PRIMARY KEY,
    -- RESTRICT: deleting a CPU model a group renders from would leave the group's args stale/broken
    cpu_model_id BIGINT CONSTRAINT fk_model_group_cpu_model REFERENCES cpu_model (id) ON DELETE RESTRICT,
    -- QEMU args rendered when the group is saved (re-rendered on every group update)
    args         TEXT,
    info         VARCHAR(255),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX ix_model_group_cpu_model ON model_group (cpu_model_id) WHERE cpu_model_id IS NOT NULL;
CREATE INDEX ix_model_group_created_at ON model_group (created_at DESC, id DESC);

-- replaces the legacy comma-separated smbios id string; position keeps the order the args are rendered in
CREATE TABLE model_group_smbios (
    model_group_id  BIGINT   NOT NULL CONSTRAINT fk_model_group_smbios_model_group REFERENCES model_group (id) ON DELETE CASCADE,
    -- RESTRICT: an SMBIOS model used by a group cannot be deleted from under it
    smbios_model_id BIGINT   NOT NULL CONSTRAINT fk_model_group_smbios_smbios_model REFERENCES smbios_model (id) ON DELETE RESTRICT,
    position        SMALLINT NOT NULL,
    CONSTRAINT pk_model_group_smbios PRIMARY KEY (model_group_id, smbios_model_id),
    CONSTRAINT uq_model_group_smbios_position UNIQUE (model_group_id, position),
    CONSTRAINT ck_model_group_smbios_position CHECK (position >= 0)
);
CREATE INDEX ix_model_group_smbios_smbios ON model_group_smbios (smbios_model_id);

CREATE TABLE flavour (
    id                BIGSERIAL PRIMARY KEY,
    name              VARCHAR(64)  NOT NULL,
    sockets           INTEGER      NOT NULL DEFAULT 1,
    cores             INTEGER      NOT NULL DEFAULT 1,
    threads           INTEGER      NOT NULL DEFAULT 1,
    devirtualization  BOOLEAN      NOT NULL DEFAULT FALSE,
    kvm               BOOLEAN      NOT NULL DEFAULT TRUE,
    -- RESTRICT: a flavour that names a model must not silently lose it
    cpu_model_id      BIGINT CONSTRAINT fk_flavour_cpu_model REFERENCES cpu_model (id) ON DELETE RESTRICT,
    model_group_id    BIGINT CONSTRAINT fk_flavour_model_group REFERENCES model_group (id) ON DELETE RESTRICT,
    nested            BOOLEAN      NOT NULL DEFAULT FALSE,
    -- PVE cpu type (the domain holds the allowed list; here only its shape)
    cpu               VARCHAR(64)  NOT NULL DEFAULT 'kvm64',
    -- stored PVE cpuunits value (legacy: API percent x 1024)
    cpu_units         INTEGER      NOT NULL DEFAULT 1024,
    -- NULL = system_settings.default_bwlimit_kbps at create time
    bwlimit_kbps      INTEGER,
    arch              VARCHAR(16)  NOT NULL DEFAULT 'x86_64',
    acpi              BOOLEAN      NOT NULL DEFAULT TRUE,
    memory_mb         INTEGER      NOT NULL DEFAULT 512,
    -- PVE storage id or "auto" (= the node's auto_storage)
    storage           VARCHAR(64)  NOT NULL DEFAULT 'auto',
    -- NULL = the system-wide default for the image type (system_settings)
    system_disk_gb    INTEGER,
    -- slot -> data disk spec, as accepted by the create API
    data_disk         JSONB        NOT NULL DEFAULT '{}',
    bandwidth_mbps    INTEGER      NOT NULL DEFAULT 1,
    on_boot           BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_flavour_name UNIQUE (name),
    CONSTRAINT ck_flavour_topology CHECK (sockets BETWEEN 1 AND 64 AND cores BETWEEN 1 AND 1024 AND threads BETWEEN 1 AND 64),
    CONSTRAINT ck_flavour_cpu CHECK (cpu ~ '^[A-Za-z0-9_-]{1,64}$'),
    -- legacy rule 1010: nested virtualisation needs cpu host or max
    CONSTRAINT ck_flavour_nested_cpu CHECK (NOT nested OR cpu IN ('host', 'max')),
    CONSTRAINT ck_flavour_cpu_units CHECK (cpu_units BETWEEN 1 AND 262144),
    CONSTRAINT ck_flavour_bwlimit CHECK (bwlimit_kbps >= 0),
    CONSTRAINT ck_flavour_arch CHECK (arch IN ('x86_64', 'aarch64')),
    CONSTRAINT ck_flavour_memory CHECK (memory_mb BETWEEN 16 AND 8388608),
    CONSTRAINT ck_flavour_storage CHECK (storage ~ '^[A-Za-z][A-Za-z0-9_.-]{0,63}$'),
    CONSTRAINT ck_flavour_system_disk CHECK (system_disk_gb BETWEEN 1 AND 65536),
    CONSTRAINT ck_flavour_data_disk CHECK (jsonb_typeof(data_disk) = 'object'),
    CONSTRAINT ck_flavour_bandwidth CHECK (bandwidth_mbps >= 0)
);
CREATE INDEX ix_flavour_cpu_model ON flavour (cpu_model_id) WHERE cpu_model_id IS NOT NULL;
CREATE INDEX ix_flavour_model_group ON flavour (model_group_id) WHERE model_group_id IS NOT NULL;
CREATE INDEX ix_flavour_created_at ON flavour (created_at DESC, id DESC);

-- ---------------------------------------------------------------------------------------------------------------
-- OS images ("os") and their per-node download state (legacy os.node_status JSON map).
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE os_image (
    id                 BIGSERIAL PRIMARY KEY,
    name               VARCHAR(128)  NOT NULL,
    -- file name on the node, inside path
    file_name          VARCHAR(255)  NOT NULL,
    -- drives defaults (disk size, username, PVE ostype)
    type               VARCHAR(16)   NOT NULL,
    arch               VARCHAR(16)   NOT NULL DEFAULT 'x86_64',
    -- distro family: centos, ubuntu, debian, fedora, windows, ...
    os_type            VARCHAR(32),
    -- 0 = downloaded from url, 1 = uploaded to the nodes by hand
    download_type      SMALLINT      NOT NULL DEFAULT 0,
    url                VARCHAR(2048),
    path               VARCHAR(255)  NOT NULL DEFAULT '/home/images',
    -- TRUE: cloud-init image (passwords are set through cloud-init)
    cloud_init         BOOLEAN       NOT NULL DEFAULT FALSE,
    -- 0 = normal, 2 = url unreachable (see reason). 1 is never set (legacy reserved it).
    status             SMALLINT      NOT NULL DEFAULT 0,
    reason             VARCHAR(1024),
    size_bytes         BIGINT,
    checksum_algorithm VARCHAR(16),
    checksum_value     VARCHAR(128),
    created_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT uq_os_image_name UNIQUE (name),
    CONSTRAINT uq_os_image_file_name UNIQUE (file_name),
    -- the file name ends up in paths and commands on the node: no directories, no "..", no shell metacharacters
    CONSTRAINT ck_os_image_file_name CHECK (file_name ~ '^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$' AND file_name !~ '\.\.'),
    CONSTRAINT ck_os_image_type CHECK (type IN ('linux', 'windows')),
    CONSTRAINT ck_os_image_arch CHECK (arch IN ('x86_64', 'aarch64')),
    CONSTRAINT ck_os_image_os_type CHECK (type <> 'linux' OR os_type IS NOT NULL),
    CONSTRAINT ck_os_image_download_type CHECK (download_type IN (0, 1)),
    CONSTRAINT ck_os_image_url CHECK (url ~ '^https?://[^[:space:]]+$'),
    CONSTRAINT ck_os_image_url_required CHECK (download_type <> 0 OR url IS NOT NULL),
    CONSTRAINT ck_os_image_path CHECK (path ~ '^/' AND path !~ '(^|/)\.\.(/|$)'),
    CONSTRAINT ck_os_image_status CHECK (status IN (0, 2)),
    CONSTRAINT ck_os_image_size CHECK (size_bytes >= 0),
    CONSTRAINT ck_os_image_checksum CHECK (
        (checksum_algorithm IS NULL AND checksum_value IS NULL)
        OR (checksum_algorithm = 'SHA256' AND checksum_value ~ '^[0-9a-f]{64}$')
        OR (checksum_algorithm = 'SHA512' AND checksum_value ~ '^[0-9a-f]{128}$'))
);
CREATE INDEX ix_os_image_created_at ON os_image (created_at DESC, id DESC);
CREATE INDEX ix_os_image_type ON os_image (type, created_at DESC);

CREATE TABLE os_image_node (
    id          BIGSERIAL PRIMARY KEY,
    -- CASCADE both ways: the state only describes a file of this image on this node
    os_image_id BIGINT        NOT NULL CONSTRAINT fk_os_image_node_os_image REFERENCES os_image (id) ON DELETE CASCADE,
    node_id     BIGINT        NOT NULL CONSTRAINT fk_os_image_node_node REFERENCES node (id) ON DELETE CASCADE,
    -- 0 = not downloaded, 1 = downloading, 2 = downloaded, 3 = download failed
    state       SMALLINT      NOT NULL DEFAULT 0,
    progress    SMALLINT      NOT NULL DEFAULT 0,
    reason      VARCHAR(1024),
    updated_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT uq_os_image_node UNIQUE (os_image_id, node_id),
    CONSTRAINT ck_os_image_node_state CHECK (state IN (0, 1, 2, 3)),
    CONSTRAINT ck_os_image_node_progress CHECK (progress BETWEEN 0 AND 100),
    CONSTRAINT ck_os_image_node_done CHECK (state <> 2 OR progress = 100)
);
CREATE INDEX ix_os_image_node_node ON os_image_node (node_id, state);
-- the download poller looks only at rows in progress
CREATE INDEX ix_os_image_node_downloading ON os_image_node (updated_at) WHERE state = 1;

-- ---------------------------------------------------------------------------------------------------------------
-- Console front-ends ("vncnode").
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE vnc_controller (
    id         BIGSERIAL PRIMARY KEY,
    -- the console API returns one URL per controller keyed by name, so names must differ
    name       VARCHAR(64)   NOT NULL,
    -- the node this front-end was created for, if any; CASCADE so a deleted node leaves no orphan (legacy bug)
    node_id    BIGINT CONSTRAINT fk_vnc_controller_node REFERENCES node (id) ON DELETE CASCADE,
    host       VARCHAR(255)  NOT NULL,
    port       INTEGER       NOT NULL,
    -- public domain of the console page; NULL = use host
    domain     VARCHAR(255),
    -- 0 = http, 1 = https
    protocol   SMALLINT      NOT NULL DEFAULT 1,
    -- 0 = active, 1 = inactive
    status     SMALLINT      NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT uq_vnc_controller_name UNIQUE (name),
    CONSTRAINT ck_vnc_controller_port CHECK (port BETWEEN 1 AND 65535),
    CONSTRAINT ck_vnc_controller_protocol CHECK (protocol IN (0, 1)),
    CONSTRAINT ck_vnc_controller_status CHECK (status IN (0, 1))
);
CREATE INDEX ix_vnc_controller_node ON vnc_controller (node_id) WHERE node_id IS NOT NULL;
CREATE INDEX ix_vnc_controller_status ON vnc_controller (status, id);

-- ---------------------------------------------------------------------------------------------------------------
-- VMs ("vmhost"). id is the API's hostId, vmid is the PVE VMID on the node.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE vm (
    id                     BIGSERIAL PRIMARY KEY,
    -- RESTRICT: a node that still has VMs cannot be deleted. Only purged VMs (delete_state 2, kept for
    -- statistics) may lose their node: the node deletion first sets their node_id to NULL.
    node_id                BIGINT CONSTRAINT fk_vm_node REFERENCES node (id) ON DELETE RESTRICT,
    vmid                   INTEGER       NOT NULL,
    hostname               VARCHAR(253)  NOT NULL,
    -- SET NULL on the catalogue references: the VM keeps its own copy of every value it was built from
    flavour_id             BIGINT CONSTRAINT fk_vm_flavour REFERENCES flavour (id) ON DELETE SET NULL,
    sockets                INTEGER       NOT NULL DEFAULT 1,
    cores                  INTEGER       NOT NULL DEFAULT 1,
    threads                INTEGER       NOT NULL DEFAULT 1,
    nested                 BOOLEAN       NOT NULL DEFAULT FALSE,
    devirtualization       BOOLEAN       NOT NULL DEFAULT FALSE,
    kvm                    BOOLEAN       NOT NULL DEFAULT TRUE,
    cpu_model_id           BIGINT CONSTRAINT fk_vm_cpu_model REFERENCES cpu_model (id) ON DELETE SET NULL,
    model_group_id         BIGINT CONSTRAINT fk_vm_model_group REFERENCES model_group (id) ON DELETE SET NULL,
    cpu                    VARCHAR(64)   NOT NULL DEFAULT 'kvm64',
    cpu_units              INTEGER       NOT NULL DEFAULT 1024,
    -- QEMU args actually applied (rendered from the CPU/SMBIOS models at create time)
    args                   TEXT,
    arch                   VARCHAR(16)   NOT NULL DEFAULT 'x86_64',
    acpi                   BOOLEAN       NOT NULL DEFAULT TRUE,
    memory_mb              INTEGER       NOT NULL DEFAULT 512,
    agent                  BOOLEAN       NOT NULL DEFAULT TRUE,
    bwlimit_kbps           INTEGER       NOT NULL DEFAULT 0,
    -- traffic quota per period in bytes, 0 = unlimited
    flow_limit_bytes       BIGINT        NOT NULL DEFAULT 0,
    used_flow_bytes        BIGINT        NOT NULL DEFAULT 0,
    extra_flow_limit_bytes BIGINT        NOT NULL DEFAULT 0,
    last_flow_reset_at     TIMESTAMPTZ,
    -- 0 = reset on the monthly anniversary of creation, 1 = reset on the 1st of each month
    flow_reset_mode        SMALLINT      NOT NULL DEFAULT 0,
    -- over quota: 0 = suspend the VM (status 15), > 0 = throttle to this many kbit/s (legacy out_flow)
    out_flow_kbps          INTEGER       NOT NULL DEFAULT 0,
    guest_username         VARCHAR(64)   NOT NULL,
    guest_password_enc     BYTEA         NOT NULL,
    -- console password, when an admin set one apart from the guest password
    vnc_password_enc       BYTEA,
    os_image_id            BIGINT CONSTRAINT fk_vm_os_image REFERENCES os_image (id) ON DELETE SET NULL,
    -- image file name and display name as of the last create/reinstall
    os_file_name           VARCHAR(255)  NOT NULL,
    os_name                VARCHAR(128)  NOT NULL,
    os_type                VARCHAR(16)   NOT NULL,
    on_boot                BOOLEAN       NOT NULL DEFAULT FALSE,
    bandwidth_mbps         INTEGER       NOT NULL DEFAULT 1,
    storage                VARCHAR(64)   NOT NULL,
    system_disk_gb         INTEGER       NOT NULL,
    -- disk throttles on the system disk, 0 = not set
    disk_mbps_rd           INTEGER       NOT NULL DEFAULT 0,
    disk_mbps_rd_max       INTEGER       NOT NULL DEFAULT 0,
    disk_mbps_wr           INTEGER       NOT NULL DEFAULT 0,
    disk_mbps_wr_max       INTEGER       NOT NULL DEFAULT 0,
    disk_iops_rd           INTEGER       NOT NULL DEFAULT 0,
    disk_iops_rd_max       INTEGER       NOT NULL DEFAULT 0,
    disk_iops_wr           INTEGER       NOT NULL DEFAULT 0,
    disk_iops_wr_max       INTEGER       NOT NULL DEFAULT 0,
    data_disk              JSONB         NOT NULL DEFAULT '{}',
    bridge                 VARCHAR(64)   NOT NULL,
    -- slot ("1".."n") -> PVE cloud-init ipconfig string "ip=A/M,gw=G[,ip6=..,gw6=..]". Which addresses the
    -- VM holds is recorded in ip_address.vm_id; this is the rendered configuration.
    ip_config              JSONB         NOT NULL DEFAULT '{}',
    dns1                   INET,
    -- legacy ifnat: private address from the node's NAT pool plus port forwards
    nat                    BOOLEAN       NOT NULL DEFAULT FALSE,
    nat_rule_limit         INTEGER       NOT NULL DEFAULT 0,
    -- VM status code, see docs/data-model.md: 0 running, 1 stopped, 2 suspended, 3 resuming, 4 paused by admin,
    -- 5 expired, 6 creating, 7 starting, 8 stopping, 9 force-stopping, 10 suspending, 11 pausing,
    -- 12 rebooting, 13 reinstalling, 14 resetting password, 15 over traffic quota
    status                 SMALLINT      NOT NULL DEFAULT 6,
    pause_info             VARCHAR(255),
    -- 0 = normal, 1 = in the recycle bin, 2 = deleted (row kept for statistics)
    delete_state           SMALLINT      NOT NULL DEFAULT 0,
    -- when the recycle bin purges it; separate from expires_at so a restore gets the real expiry back
    recycle_purge_at       TIMESTAMPTZ,
    deleted_at             TIMESTAMPTZ,
    -- API expirationTime
    expires_at             TIMESTAMPTZ   NOT NULL,
    -- client-chosen key of the create request: a retried create returns the same VM
    idempotency_key        VARCHAR(128),
    -- optimistic lock: status sync and operations update the same row
    version                BIGINT        NOT NULL DEFAULT 0,
    created_at             TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ   NOT NULL DEFAULT now(),
    -- VMIDs are never reused on a node by this service, not even after a purge (stale backups, RRD, logs)
    CONSTRAINT uq_vm_node_vmid UNIQUE (node_id, vmid),
    CONSTRAINT uq_vm_idempotency_key UNIQUE (idempotency_key),
    -- target of ip_address's composite key (see there)
    CONSTRAINT uq_vm_id_node_delete_state UNIQUE (id, node_id, delete_state),
    CONSTRAINT ck_vm_node_required CHECK (node_id IS NOT NULL OR delete_state = 2),
    CONSTRAINT ck_vm_vmid CHECK (vmid BETWEEN 100 AND 999999999),
    -- PVE requires a DNS name
    CONSTRAINT ck_vm_hostname CHECK (hostname ~ '^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$'),
    CONSTRAINT ck_vm_topology CHECK (sockets BETWEEN 1 AND 64 AND cores BETWEEN 1 AND 1024 AND threads BETWEEN 1 AND 64),
    CONSTRAINT ck_vm_cpu CHECK (cpu ~ '^[A-Za-z0-9_-]{1,64}$'),
    CONSTRAINT ck_vm_nested_cpu CHECK (NOT nested OR cpu IN ('host', 'max')),
    CONSTRAINT ck_vm_cpu_units CHECK (cpu_units BETWEEN 1 AND 262144),
    CONSTRAINT ck_vm_arch CHECK (arch IN ('x86_64', 'aarch64')),
    CONSTRAINT ck_vm_memory CHECK (memory_mb BETWEEN 16 AND 8388608),
    CONSTRAINT ck_vm_bwlimit CHECK (bwlimit_kbps >= 0),
    CONSTRAINT ck_vm_flow CHECK (flow_limit_bytes >= 0 AND used_flow_bytes >= 0 AND extra_flow_limit_bytes >= 0),
    CONSTRAINT ck_vm_flow_reset_mode CHECK (flow_reset_mode IN (0, 1)),
    CONSTRAINT ck_vm_out_flow CHECK (out_flow_kbps >= 0),
    CONSTRAINT ck_vm_guest_password_ciphertext CHECK (octet_length(guest_password_enc) >= 28),
    CONSTRAINT ck_vm_vnc_password_ciphertext CHECK (octet_length(vnc_password_enc) >= 28),
    CONSTRAINT ck_vm_os_type CHECK (os_type IN ('linux', 'windows', 'solaris', 'other')),
    CONSTRAINT ck_vm_bandwidth CHECK (bandwidth_mbps >= 0),
    CONSTRAINT ck_vm_storage CHECK (storage ~ '^[A-Za-z][A-Za-z0-9_.-]{0,63}$'),
    CONSTRAINT ck_vm_system_disk CHECK (system_disk_gb BETWEEN 1 AND 65536),
    CONSTRAINT ck_vm_disk_limits CHECK (LEAST(disk_mbps_rd, disk_mbps_rd_max, disk_mbps_wr, disk_mbps_wr_max,
                                              disk_iops_rd, disk_iops_rd_max, disk_iops_wr, disk_iops_wr_max) >= 0),
    CONSTRAINT ck_vm_data_disk CHECK (jsonb_typeof(data_disk) = 'object'),
    CONSTRAINT ck_vm_ip_config CHECK (jsonb_typeof(ip_config) = 'object'
        AND NOT (ip_config @? '$.keyvalue() ? (@.value.type() != "string" || !(@.key like_regex "^[1-9][0-9]{0,2}$"))')),
    CONSTRAINT ck_vm_nat_rule_limit CHECK (nat_rule_limit >= 0),
    CONSTRAINT ck_vm_status CHECK (status BETWEEN 0 AND 15),
    CONSTRAINT ck_vm_delete_state CHECK (delete_state IN (0, 1, 2)),
    CONSTRAINT ck_vm_recycle_purge_at CHECK ((delete_state = 1) = (recycle_purge_at IS NOT NULL)),
    CONSTRAINT ck_vm_deleted_at CHECK ((delete_state = 2) = (deleted_at IS NOT NULL))
);
-- hostnames are unique among live VMs only (recycle-bin and purged VMs may share them); DNS names are
-- case-insensitive. Restoring a VM from the recycle bin therefore fails if its name was taken meanwhile.
CREATE UNIQUE INDEX ux_vm_hostname_live ON vm (lower(hostname)) WHERE delete_state = 0;
-- lookup by hostname across every delete_state (admin search)
CREATE INDEX ix_vm_hostname ON vm (lower(hostname));
-- list filters of the contract; VMs by node use uq_vm_node_vmid
CREATE INDEX ix_vm_created_at_live ON vm (created_at DESC, id DESC) WHERE delete_state = 0;
CREATE INDEX ix_vm_status_live ON vm (status, created_at DESC, id DESC) WHERE delete_state = 0;
CREATE INDEX ix_vm_node_created_at ON vm (node_id, created_at DESC, id DESC);
-- lookup by PVE vmid without a node (admin getVmByParam?param=vmid)
CREATE INDEX ix_vm_vmid ON vm (vmid);
CREATE INDEX ix_vm_recycle_bin ON vm (recycle_purge_at) WHERE delete_state = 1;
CREATE INDEX ix_vm_deleted_at ON vm (deleted_at) WHERE delete_state = 2;
-- expiry job: live VMs that are due and not yet marked expired
CREATE INDEX ix_vm_expires_at ON vm (expires_at) WHERE delete_state = 0 AND status <> 5;
-- foreign keys whose parent can be deleted (SET NULL needs to find the children)
CREATE INDEX ix_vm_flavour ON vm (flavour_id) WHERE flavour_id IS NOT NULL;
CREATE INDEX ix_vm_cpu_model ON vm (cpu_model_id) WHERE cpu_model_id IS NOT NULL;
CREATE INDEX ix_vm_model_group ON vm (model_group_id) WHERE model_group_id IS NOT NULL;
CREATE INDEX ix_vm_os_image ON vm (os_image_id) WHERE os_image_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------------------------
-- Addresses. An address is held by a VM iff vm_id is set (status 1). Allocation locks free rows with
-- SELECT ... FOR UPDATE SKIP LOCKED inside the create transaction, so two creates cannot take the same one.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE ip_address (
    id              BIGSERIAL PRIMARY KEY,
    pool_id         BIGINT       NOT NULL,
    node_id         BIGINT       NOT NULL,
    ip_version      SMALLINT     NOT NULL,
    address         INET         NOT NULL,
    -- 0 = free, 1 = used, 2 = disabled, 3 = gateway
    status          SMALLINT     NOT NULL DEFAULT 0,
    vm_id           BIGINT,
    -- copy of the holding VM's delete_state, kept by ON UPDATE CASCADE of fk_ip_address_vm. A recycle-bin VM
    -- keeps its addresses; purging it (delete_state 2) is refused until they are released, because the
    -- cascaded value 2 fails ck_ip_address_holder_not_purged.
    vm_delete_state SMALLINT,
    -- random unicast MAC for the address, replaced by the VM's NIC MAC once assigned
    mac             MACADDR,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_ip_address_pool_address UNIQUE (pool_id, address),
    -- RESTRICT: a pool is deleted only after its (free) addresses; a held address blocks it
    CONSTRAINT fk_ip_address_pool FOREIGN KEY (pool_id, node_id, ip_version)
        REFERENCES ip_pool (id, node_id, ip_version) ON DELETE RESTRICT,
    -- the holder must be a VM on the same node; RESTRICT: a VM row that holds addresses cannot be deleted
    CONSTRAINT fk_ip_address_vm FOREIGN KEY (vm_id, node_id, vm_delete_state)
        REFERENCES vm (id, node_id, delete_state) ON UPDATE CASCADE ON DELETE RESTRICT,
    CONSTRAINT ck_ip_address_version CHECK (ip_version IN (4, 6)),
    CONSTRAINT ck_ip_address_address CHECK (family(address) = ip_version AND masklen(address) = CASE ip_version WHEN 4 THEN 32 ELSE 128 END),
    CONSTRAINT ck_ip_address_status CHECK (status IN (0, 1, 2, 3)),
    CONSTRAINT ck_ip_address_used_has_vm CHECK ((status = 1) = (vm_id IS NOT NULL)),
    CONSTRAINT ck_ip_address_holder_state CHECK ((vm_id IS NULL) = (vm_delete_state IS NULL)),
    CONSTRAINT ck_ip_address_holder_not_purged CHECK (vm_delete_state IN (0, 1))
);
-- at most one VM holds a given address on a node, even if two pools of the node list it
CREATE UNIQUE INDEX ux_ip_address_held ON ip_address (node_id, address) WHERE vm_id IS NOT NULL;
-- addresses of a pool by status (pool listing, counters, allocation in id order)
CREATE INDEX ix_ip_address_pool_status ON ip_address (pool_id, status, id);
-- free addresses of a node (allocation across pools, selectFreeIpListByNodeId)
CREATE INDEX ix_ip_address_node_free ON ip_address (node_id, ip_version, id) WHERE status = 0;
-- VMs by IP
CREATE INDEX ix_ip_address_address ON ip_address (address);
-- addresses of a VM
CREATE INDEX ix_ip_address_vm ON ip_address (vm_id) WHERE vm_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------------------------
-- Console sessions (legacy vncdata). Only a hash of the session token is stored. The legacy vncinfo table
-- (per-VM proxy port and the VM root password as VNC password) is not carried over: consoles go through
-- PVE's vncproxy/vncwebsocket, which hands out its own one-time port and ticket.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE vm_console_session (
    id         BIGSERIAL PRIMARY KEY,
    vm_id      BIGINT       NOT NULL CONSTRAINT fk_vm_console_session_vm REFERENCES vm (id) ON DELETE CASCADE,
    -- SHA-256 (hex) of the token in the console URL
    token_hash CHAR(64)     NOT NULL,
    -- 0 = active, 1 = expired/revoked
    status     SMALLINT     NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ  NOT NULL,
    CONSTRAINT uq_vm_console_session_token UNIQUE (token_hash),
    CONSTRAINT ck_vm_console_session_token CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT ck_vm_console_session_status CHECK (status IN (0, 1)),
    CONSTRAINT ck_vm_console_session_expiry CHECK (expires_at > created_at)
);
-- one active session per VM (a new request reuses or replaces it)
CREATE UNIQUE INDEX ux_vm_console_session_active ON vm_console_session (vm_id) WHERE status = 0;
CREATE INDEX ix_vm_console_session_expiry ON vm_console_session (expires_at) WHERE status = 0;
-- all sessions of a VM (the cascade from vm, session history)
CREATE INDEX ix_vm_console_session_vm ON vm_console_session (vm_id, created_at DESC);

-- ---------------------------------------------------------------------------------------------------------------
-- VMID reservations: hold a VMID on a node from the moment it is chosen (e.g. from PVE /cluster/nextid,
-- which hands the same id to concurrent callers) until the VM exists in PVE. vm.uq_vm_node_vmid covers the
-- ids of VM rows; this table covers the window before and during creation.
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE vmid_reservation (
    id             BIGSERIAL PRIMARY KEY,
    -- CASCADE: a reservation means nothing without its node
    node_id        BIGINT       NOT NULL CONSTRAINT fk_vmid_reservation_node REFERENCES node (id) ON DELETE CASCADE,
    vmid           INTEGER      NOT NULL,
    -- set once the VM row exists; CASCADE: the reservation lives and dies with that row
    vm_id          BIGINT CONSTRAINT fk_vmid_reservation_vm REFERENCES vm (id) ON DELETE CASCADE,
    -- an unbound reservation past this time may be taken over by another create
    reserved_until TIMESTAMPTZ  NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_vmid_reservation_node_vmid UNIQUE (node_id, vmid),
    CONSTRAINT uq_vmid_reservation_vm UNIQUE (vm_id),
    CONSTRAINT ck_vmid_reservation_vmid CHECK (vmid BETWEEN 100 AND 999999999),
    CONSTRAINT ck_vmid_reservation_until CHECK (reserved_until > created_at)
);
CREATE INDEX ix_vmid_reservation_expiry ON vmid_reservation (reserved_until) WHERE vm_id IS NULL;

-- ---------------------------------------------------------------------------------------------------------------
-- Durable operation engine. An operation (create VM, power action, reinstall, image download, ...) is a list
-- of steps. Workers claim the next runnable step with
--   SELECT ... FROM operation_step WHERE status = 'PENDING' AND run_after <= now()
--   ORDER BY run_after LIMIT n FOR UPDATE SKIP LOCKED
-- and set a lease (lease_owner, lease_until). A worker that dies leaves a lease that expires; the step is then
-- put back to PENDING and runs again (handlers check PVE state first, so a repeat is harmless).
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE operation (
    id              BIGSERIAL PRIMARY KEY,
    -- operation type, defined by the engine's handler registry (CREATE_VM, START_VM, REINSTALL_VM, ...).
    -- Only the shape is checked so a new type needs no migration.
    type            VARCHAR(48)  NOT NULL,
    -- RESTRICT: VM rows are never hard-deleted while they have history
    vm_id           BIGINT CONSTRAINT fk_operation_vm REFERENCES vm (id) ON DELETE RESTRICT,
    -- SET NULL keeps the history of a deleted node; ck_operation_active_node refuses the node deletion while
    -- an operation on it is still active
    node_id         BIGINT CONSTRAINT fk_operation_node REFERENCES node (id) ON DELETE SET NULL,
    -- PENDING -> RUNNING -> SUCCEEDED | (COMPENSATING ->) FAILED; CANCELLED before anything ran
    status          VARCHAR(16)  NOT NULL DEFAULT 'PENDING',
    -- input of the operation. Never secrets: passwords travel encrypted on the VM row. The CHECK refuses
    -- keys that look like secrets at any depth.
    params          JSONB        NOT NULL DEFAULT '{}',
    error           TEXT,
    -- who asked: "admin:<username>", "api:<app id>", "system"
    requested_by    VARCHAR(128),
    idempotency_key VARCHAR(128),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ,
    CONSTRAINT uq_operation_idempotency_key UNIQUE (idempotency_key),
    CONSTRAINT ck_operation_type CHECK (type ~ '^[A-Z][A-Z0-9_]{1,47}$'),
    CONSTRAINT ck_operation_status CHECK (status IN ('PENDING', 'RUNNING', 'COMPENSATING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    CONSTRAINT ck_operation_finished CHECK ((status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')) = (finished_at IS NOT NULL)),
    CONSTRAINT ck_operation_active_node CHECK (node_id IS NOT NULL OR status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')),
    CONSTRAINT ck_operation_params CHECK (jsonb_typeof(params) = 'object'
        AND NOT (params @? '$.** ? (@.type() == "object").keyvalue() ? (@.key like_regex "(password|passwd|secret|ticket|csrf|apikey|appkey|private_?key)" flag "i")'))
);
-- one active operation per VM: operations on a VM are serialised (the legacy per-hostname lock did not work)
CREATE UNIQUE INDEX ux_operation_vm_active ON operation (vm_id) WHERE status IN ('PENDING', 'RUNNING', 'COMPENSATING');
CREATE INDEX ix_operation_vm ON operation (vm_id, created_at DESC, id DESC);
CREATE INDEX ix_operation_node ON operation (node_id, created_at DESC) WHERE node_id IS NOT NULL;
CREATE INDEX ix_operation_status ON operation (status, created_at DESC, id DESC);
CREATE INDEX ix_operation_created_at ON operation (created_at DESC, id DESC);

CREATE TABLE operation_step (
    id           BIGSERIAL PRIMARY KEY,
    -- CASCADE: steps are parts of the operation
    operation_id BIGINT       NOT NULL CONSTRAINT fk_operation_step_operation REFERENCES operation (id) ON DELETE CASCADE,
    ordinal      SMALLINT     NOT NULL,
    -- step handler name (CREATE_SHELL, IMPORT_DISK, RESIZE_DISK, START, ...)
    kind         VARCHAR(48)  NOT NULL,
    -- PENDING: waits to run; RUNNING: a worker holds the lease; DONE; FAILED (no retries left);
    -- COMPENSATING: its effect must be undone (leased while a worker undoes it); COMPENSATED: undone;
    -- SKIPPED: never ran because the operation failed or was cancelled before it
    status       VARCHAR(16)  NOT NULL DEFAULT 'PENDING',
    attempts     INTEGER      NOT NULL DEFAULT 0,
    max_attempts INTEGER      NOT NULL DEFAULT 5,
    lease_owner  VARCHAR(128),
    lease_until  TIMESTAMPTZ,
    -- earliest start; NULL = not runnable yet (waits for the previous step, which sets it when it is done)
    run_after    TIMESTAMPTZ,
    -- PVE task id of the call this step is waiting for, so a takeover can resume waiting instead of repeating
    upid         VARCHAR(255),
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ,
    error        TEXT,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_operation_step_ordinal UNIQUE (operation_id, ordinal),
    CONSTRAINT ck_operation_step_ordinal CHECK (ordinal >= 0),
    CONSTRAINT ck_operation_step_kind CHECK (kind ~ '^[A-Z][A-Z0-9_]{1,47}$'),
    CONSTRAINT ck_operation_step_status CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'COMPENSATING', 'COMPENSATED', 'SKIPPED')),
    CONSTRAINT ck_operation_step_attempts CHECK (attempts >= 0 AND max_attempts >= 1 AND attempts <= max_attempts),
    CONSTRAINT ck_operation_step_lease_pair CHECK ((lease_owner IS NULL) = (lease_until IS NULL)),
    -- a running step always has a lease; a step nobody works on has none
    -- (COMPENSATING may have one or not: it has one only while a worker undoes the step)
    CONSTRAINT ck_operation_step_lease CHECK (
        (status <> 'RUNNING' OR lease_owner IS NOT NULL)
        AND (status NOT IN ('PENDING', 'DONE', 'FAILED', 'COMPENSATED', 'SKIPPED') OR lease_owner IS NULL)),
    CONSTRAINT ck_operation_step_upid CHECK (upid ~ '^UPID:'),
    CONSTRAINT ck_operation_step_times CHECK (finished_at IS NULL OR (started_at IS NOT NULL AND finished_at >= started_at))
);
-- the claim query: status = 'PENDING' AND run_after <= now() ORDER BY run_after FOR UPDATE SKIP LOCKED
CREATE INDEX ix_operation_step_claim ON operation_step (run_after, id) WHERE status = 'PENDING';
-- compensations waiting for a worker
CREATE INDEX ix_operation_step_compensate ON operation_step (run_after, id) WHERE status = 'COMPENSATING';
-- lease reaper: running steps whose lease ran out
CREATE INDEX ix_operation_step_lease ON operation_step (lease_until) WHERE status IN ('RUNNING', 'COMPENSATING');
