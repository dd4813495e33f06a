package com.pveams.application.service;

import com.pveams.application.port.out.LoginFailureLog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A LoginFailureLog over a list, answering like the SQL adapter. */
class InMemoryLoginFailures implements LoginFailureLog {
    /** scope 'u' = username, 'a' = client address, as in the table. */
    record Failure(char scope, String subject, Instant at) {
    }

    final List<Failure> rows = new ArrayList<>();

    @Override
    public void record(String username, String clientAddress, Instant at) {
        rows.add(new Failure('u', username, at));
        rows.add(new Failure('a', clientAddress, at));
    }

    @Override
    public List<Instant> newestForUsername(String username, Instant since, int limit) {
        return newest('u', username, since, limit);
    }

    @Override
    public List<Instant> newestForAddress(String clientAddress, Instant since, int limit) {
        return newest('a', clientAddress, since, limit);
    }

    @Override
    public void forgetUsername(String username) {
        rows.removeIf(f -> f.scope() == 'u' && f.subject().equals(username));
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        int before = rows.size();
        rows.removeIf(f -> f.at().isBefore(cutoff));
        return before - rows.size();
    }

    private List<Instant> newest(char scope, String subject, Instant since, int limit) {
        return rows.stream().filter(f -> f.scope() == scope && f.subject().equals(subject) && f.at().isAfter(since))
                .map(Failure::at).sorted(Comparator.reverseOrder()).limit(limit).toList();
    }
}
