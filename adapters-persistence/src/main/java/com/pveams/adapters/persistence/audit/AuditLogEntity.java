package com.pveams.adapters.persistence.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "audit_log")
public class AuditLogEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
    @Column(name = "log_type", nullable = false)
    public String logType;
    @Column(name = "actor_type", nullable = false)
    public String actorType;
    public String actor;
    @Column(nullable = false)
    public String method;
    @Column(nullable = false)
    public String path;
    @Column(name = "client_address")
    public String clientAddress;
    @Column(name = "user_agent")
    public String userAgent;
    @Column(name = "http_status", nullable = false)
    public int httpStatus;
    @Column(name = "result_code", nullable = false)
    public int resultCode;
    @Column(nullable = false)
    public boolean success;
    @Column(name = "duration_ms", nullable = false)
    public long durationMs;
    public String detail;
    @Column(name = "response_body")
    public String responseBody;
}
