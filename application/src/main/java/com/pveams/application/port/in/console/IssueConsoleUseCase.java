package com.pveams.application.port.in.console;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.Map;

/**
 * {@code {node}/getVnc}: a fresh single-use console token for a running VM and one console URL per active front-end
 * on the requested page, as the legacy page of one {@code {frontEndName: url}} record. {@code updateVncPassword}:
 * the console has no VNC password of its own any more (PVE issues a one-time ticket per connection), so the call
 * keeps its contract and means "revoke": the VM's unused console URL stops working and its open console is closed.
 */
public interface IssueConsoleUseCase {

    /** @throws DomainException VM_NOT_EXIST, VM_IS_DISABLED, VM_IS_NOT_RUNNING, VNC_NODE_NOT_EXIST */
    Page<Map<String, String>> issue(IssueConsole command);

    /** @throws DomainException VM_NOT_EXIST */
    void revoke(RevokeConsole command);

    /** @param requestedBy "admin:&lt;name&gt;" or "api:&lt;appid&gt;", kept for the console's audit rows */
    record IssueConsole(long hostId, PageRequest page, String requestedBy) {
        public static final int DEFAULT_SIZE = 5;

        public IssueConsole {
            if (hostId < 1) {
                throw DomainException.invalid("hostId", "必须是正整数", "must be a positive integer");
            }
            if (page == null) {
                throw DomainException.required("page");
            }
        }
    }

    /** The legacy body's {@code password} is checked and otherwise unused (see the interface). */
    record RevokeConsole(long hostId, String password) {
        public static final int PASSWORD_MAX = 128;

        public RevokeConsole {
            if (hostId < 1) {
                throw DomainException.invalid("hostId", "必须是正整数", "must be a positive integer");
            }
            if (password == null || password.isBlank()) {
                throw DomainException.required("password");
            }
            if (password.length() > PASSWORD_MAX) {
                throw DomainException.invalid("password", "不能超过" + PASSWORD_MAX + "个字符",
                        "must be at most " + PASSWORD_MAX + " characters");
            }
        }

        @Override
        public String toString() {
            return "RevokeConsole[hostId=" + hostId + "]";
        }
    }
}
