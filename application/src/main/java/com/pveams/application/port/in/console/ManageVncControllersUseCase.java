package com.pveams.application.port.in.console;

import com.pveams.domain.console.ConsoleProtocol;
import com.pveams.domain.console.HostName;
import com.pveams.domain.console.VncController;
import com.pveams.domain.console.VncController.Patch;
import com.pveams.domain.error.DomainException;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

/** Console front-ends (legacy VNC controllers): add, list, change, delete. */
public interface ManageVncControllersUseCase {
    VncControllerView add(AddVncControllerCommand command);

    Page<VncControllerView> list(PageRequest request);

    VncControllerView update(UpdateVncControllerCommand command);

    void delete(long id);

    record AddVncControllerCommand(String name, String host, int port, String domain, ConsoleProtocol protocol,
                                   boolean active) {
        public AddVncControllerCommand {
            name = VncController.requireName(name);
            host = HostName.require("host", host);
            port = VncController.requirePort(port);
            domain = HostName.optional("domain", domain);
            if (protocol == null) {
                throw DomainException.required("protocol");
            }
        }

        /**
         * From the legacy fields. An absent {@code protocol} is 0 (http), as the contract documents ("默认0不开启");
         * an absent {@code status} is 0 (active).
         */
        public static AddVncControllerCommand of(String name, String host, Integer port, String domain, Integer protocol,
                                                 Integer status) {
            ConsoleProtocol p = ConsoleProtocol.fromCode(protocol);
            Boolean active = VncController.activeFromStatus(status);
            return new AddVncControllerCommand(name, host, VncController.requirePort(port), domain,
                    p == null ? ConsoleProtocol.HTTP : p, active == null || active);
        }
    }

    /** The patch's null fields are kept; an empty {@code domain} clears it. */
    record UpdateVncControllerCommand(long id, Patch patch) {
        public UpdateVncControllerCommand {
            if (id < 1) {
                throw DomainException.invalid("id", "必须是正整数", "must be a positive integer");
            }
            if (patch == null) {
                throw DomainException.required("body");
            }
        }

        public static UpdateVncControllerCommand of(Long id, String name, String host, Integer port, String domain,
                                                    Integer protocol, Integer status) {
            if (id == null) {
                throw DomainException.required("id");
            }
            return new UpdateVncControllerCommand(id, new Patch(name, host, port, domain,
                    ConsoleProtocol.fromCode(protocol), VncController.activeFromStatus(status)));
        }
    }
}
