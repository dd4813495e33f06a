package com.pveams.domain.access;

import java.time.Instant;
import java.util.List;

/**
 * The failures within the window that {@link LoginLimits} judges an attempt by. Attempts still being checked count
 * as failures; failures forgiven by a later success at the same address count only for the address.
 *
 * @param usernameAtAddress     the newest failures of the username from the client address, newest first, at least
 *                              {@link LoginLimits#maxPerUsernameAndAddress()} of them when there are that many
 * @param address               the same for the client address across usernames ({@link LoginLimits#maxPerAddress()})
 * @param usernameFailures      how many failures the username has from all addresses
 * @param newestUsernameFailure the newest of those, or null when there is none
 */
public record LoginHistory(List<Instant> usernameAtAddress, List<Instant> address, int usernameFailures,
                           Instant newestUsernameFailure) {
    public LoginHistory {
        usernameAtAddress = List.copyOf(usernameAtAddress);
        address = List.copyOf(address);
        if (usernameFailures < 0 || (usernameFailures > 0) != (newestUsernameFailure != null)) {
            throw new IllegalArgumentException("a username failure count needs its newest failure, and only then");
        }
    }

    public static LoginHistory none() {
        return new LoginHistory(List.of(), List.of(), 0, null);
    }
}
