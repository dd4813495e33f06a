package com.pveams.application.service;

import com.pveams.application.port.out.LoginAttemptLog;
import com.pveams.domain.access.LoginHistory;
import com.pveams.domain.access.LoginLimits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** A LoginAttemptLog over a list, answering like the SQL adapter; one lock stands in for its atomic reservation. */
class InMemoryLoginAttempts implements LoginAttemptLog {
    static final class Attempt {
        final long id;
        final String username;
        final String address;
        final Instant at;
        boolean succeeded;
        boolean forgiven;

        Attempt(long id, String username, String address, Instant at) {
            this.id = id;
            this.username = username;
            this.address = address;
            this.at = at;
        }

        /** Counts for the username (at this or any address): neither a success nor forgiven by one. */
        boolean failed() {
            return !succeeded && !forgiven;
        }
    }

    final List<Attempt> rows = new ArrayList<>();
    private long nextId = 1;

    @Override
    public synchronized Reservation reserve(String username, String clientAddress, Instant now, LoginLimits limits) {
        Instant since = limits.windowStart(now);
        List<Attempt> recent = rows.stream().filter(a -> a.at.isAfter(since)).toList();
        List<Attempt> forUsername = recent.stream().filter(a -> a.failed() && a.username.equals(username)).toList();
        LoginHistory history = new LoginHistory(
                newest(forUsername, a -> a.address.equals(clientAddress)),
                newest(recent, a -> !a.succeeded && a.address.equals(clientAddress)),
                forUsername.size(),
                forUsername.stream().map(a -> a.at).max(Comparator.naturalOrder()).orElse(null));
        Optional<Duration> wait = limits.retryAfter(history, now);
        if (wait.isPresent()) {
            return new Refused(wait.get());
        }
        Attempt attempt = new Attempt(nextId++, username, clientAddress, now);
        rows.add(attempt);
        return new Admitted(attempt.id);
    }

    /** Another replica's (or an earlier) failure, written straight into the log. */
    synchronized void failed(String username, String clientAddress, Instant at) {
        rows.add(new Attempt(nextId++, username, clientAddress, at));
    }

    @Override
    public synchronized void succeeded(long attemptId) {
        Attempt done = rows.stream().filter(a -> a.id == attemptId).findFirst().orElseThrow();
        done.succeeded = true;
        rows.stream().filter(a -> a.username.equals(done.username) && a.address.equals(done.address))
                .forEach(a -> a.forgiven = true);
    }

    @Override
    public synchronized int purgeBefore(Instant cutoff) {
        int before = rows.size();
        rows.removeIf(a -> a.at.isBefore(cutoff));
        return before - rows.size();
    }

    synchronized long failuresOf(String username) {
        return rows.stream().filter(a -> a.failed() && a.username.equals(username)).count();
    }

    private static List<Instant> newest(List<Attempt> attempts, Predicate<Attempt> filter) {
        return attempts.stream().filter(filter).map(a -> a.at).sorted(Comparator.reverseOrder()).toList();
    }
}
