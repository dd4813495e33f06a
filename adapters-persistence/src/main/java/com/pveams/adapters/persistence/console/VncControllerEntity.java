package com.pveams.adapters.persistence.console;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.UpdateTimestamp;

import java.time.Instant;

@Entity
@Table(name = "vnc_controller")
public class VncControllerEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, length = 64)
    public String name;
    @Column(name = "node_id", updatable = false)
    public Long nodeId;
    @Column(nullable = false)
    public String host;
    @Column(nullable = false)
    public int port;
    public String domain;
    /** 0 = http, 1 = https */
    @Column(nullable = false)
    public short protocol;
    /** 0 = active, 1 = inactive */
    @Column(nullable = false)
    public short status;
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
