package com.pveams.adapters.persistence.node;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "node")
public class NodeEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false)
    public String name;
    @Column(name = "region_id")
    public Long regionId;
    @Column(nullable = false)
    public String host;
    @Column(name = "api_port", nullable = false)
    public int apiPort;
    @Column(name = "pve_node_name", nullable = false)
    public String pveNodeName;
    @Column(name = "auth_mode", nullable = false)
    public String authMode;
    @Column(nullable = false)
    public String realm;
    @Column(nullable = false)
    public String username;
    @Column(name = "token_id")
    public String tokenId;
    @Column(name = "api_secret_enc", nullable = false)
    public byte[] apiSecretEnc;
    @Column(name = "tls_trust_mode", nullable = false)
    public String tlsTrustMode;
    @Column(name = "tls_fingerprint")
    public String tlsFingerprint;
    @Column(name = "ssh_host")
    public String sshHost;
    @Column(name = "ssh_port", nullable = false)
    public int sshPort;
    @Column(name = "ssh_username", nullable = false)
    public String sshUsername;
    @Column(name = "ssh_auth_mode", nullable = false)
    public String sshAuthMode;
    @Column(name = "ssh_secret_enc")
    public byte[] sshSecretEnc;
    @Column(name = "ssh_host_key_fingerprint")
    public String sshHostKeyFingerprint;
    @Column(nullable = false)
    public short status;
    @Column(name = "ssh_status")
    public Short sshStatus;
    @Column(name = "pve_cluster")
    public String pveCluster;
    @Column(name = "auto_storage")
    public String autoStorage;
    @Column(name = "backup_storage")
    public String backupStorage;
    @Column(name = "image_dir", nullable = false)
    public String imageDir;
    @Column(name = "nat_enabled", nullable = false)
    public boolean natEnabled;
    @Column(name = "nat_bridge")
    public String natBridge;
    @Column(name = "nat_public_address")
    public String natPublicAddress;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
