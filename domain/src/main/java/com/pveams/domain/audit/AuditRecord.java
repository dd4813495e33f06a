package com.pveams.domain.audit;

/** An audit entry as stored, with the id it is opened by. */
public record AuditRecord(long id, AuditEntry entry) {
    public AuditRecord {
        if (entry == null) {
            throw new IllegalArgumentException("entry is required");
        }
    }

    /**
     * A one-line summary in the spirit of the legacy {@code content} column, built from what is stored:
     * {@code LOGIN SUCCESS, anonymous:ops} or {@code POST /admin/insertApiKey FAIL 501002}.
     */
    public String summary() {
        AuditEntry e = entry;
        String outcome = e.success() ? "SUCCESS" : "FAIL " + e.resultCode();
        if (e.logType() == AuditEntry.LogType.LOGIN) {
            return "LOGIN " + outcome + (e.actor() == null ? "" : ", " + e.actor());
        }
        return e.method() + " " + e.path() + " " + outcome;
    }
}
