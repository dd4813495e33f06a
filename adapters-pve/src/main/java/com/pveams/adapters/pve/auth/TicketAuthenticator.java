package com.pveams.adapters.pve.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.pveams.application.port.out.hypervisor.HypervisorException;
import com.pveams.application.port.out.hypervisor.HypervisorException.Kind;
import com.pveams.application.port.out.hypervisor.NodeAuth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ticket login ({@code POST /access/ticket}). The ticket is sent as {@code Cookie: PVEAuthCookie=…}, and every
 * non-GET request also carries {@code CSRFPreventionToken}. A ticket older than {@code renewAfter} is renewed by
 * posting it as the password (PVE's renewal); one older than {@code lifetime} (or a failed renewal) leads to a fresh
 * password login. After a 401 the ticket that was used is dropped and one new login is made.
 */
public final class TicketAuthenticator implements NodeAuthenticator {

    /** Sends an unauthenticated form POST to {@code /access/ticket} and returns {@code data}. */
    @FunctionalInterface
    public interface LoginCall {
        JsonNode login(Map<String, String> form);
    }

    private record Ticket(String ticket, String csrf, Instant obtainedAt) {
        @Override
        public String toString() {
            return "Ticket[obtainedAt=" + obtainedAt + "]";
        }
    }

    private static final System.Logger LOG = System.getLogger(TicketAuthenticator.class.getName());

    private final NodeAuth.Password credentials;
    private final LoginCall loginCall;
    private final Clock clock;
    private final Duration renewAfter;
    private final Duration lifetime;
    private volatile Ticket current;
    private int logins;

    public TicketAuthenticator(NodeAuth.Password credentials, LoginCall loginCall, Clock clock, Duration renewAfter,
                               Duration lifetime) {
        this.credentials = credentials;
        this.loginCall = loginCall;
        this.clock = clock;
        this.renewAfter = renewAfter;
        this.lifetime = lifetime;
    }

    @Override
    public AuthState authenticate(boolean mutating) {
        Ticket t = valid();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cookie", "PVEAuthCookie=" + t.ticket());
        if (mutating) {
            headers.put("CSRFPreventionToken", t.csrf());
        }
        return new AuthState(headers, t);
    }

    @Override
    public synchronized boolean refreshAfterUnauthorized(AuthState used) {
        if (current == used.generation()) {
            current = null;
        }
        valid();
        return true;
    }

    /** Number of password logins and renewals made so far (for tests and metrics). */
    public synchronized int loginCount() {
        return logins;
    }

    private Ticket valid() {
        Ticket t = current;
        Instant now = clock.instant();
        if (t != null && age(t, now).compareTo(renewAfter) < 0) {
            return t;
        }
        synchronized (this) {
            t = current;
            now = clock.instant();
            if (t == null || age(t, now).compareTo(lifetime) >= 0) {
                current = login(credentials.username(), credentials.password(), credentials.realm());
            } else if (age(t, now).compareTo(renewAfter) >= 0) {
                try {
                    current = login(credentials.userId(), t.ticket(), null);
                } catch (HypervisorException e) {
                    if (e.kind() != Kind.AUTH) {
                        throw e;
                    }
                    LOG.log(System.Logger.Level.DEBUG, "ticket renewal refused, logging in again");
                    current = login(credentials.username(), credentials.password(), credentials.realm());
                }
            }
            return current;
        }
    }

    private static Duration age(Ticket t, Instant now) {
        return Duration.between(t.obtainedAt(), now);
    }

    private Ticket login(String username, String secret, String realm) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", secret);
        if (realm != null) {
            form.put("realm", realm);
        }
        Instant before = clock.instant();
        JsonNode data = loginCall.login(form);
        logins++;
        if (data == null || !data.hasNonNull("ticket") || !data.hasNonNull("CSRFPreventionToken")) {
            throw new HypervisorException(Kind.PROTOCOL, "login answer lacks ticket or CSRF token");
        }
        LOG.log(System.Logger.Level.DEBUG, "obtained PVE ticket for {0}", credentials.userId());
        return new Ticket(data.get("ticket").asText(), data.get("CSRFPreventionToken").asText(), before);
    }
}
