package com.pveams.application.port.out;

import java.time.Instant;
import java.util.List;

/** Failed admin logins, shared by every replica so throttling holds across the whole deployment. */
public interface LoginFailureLog {
    void record(String username, String clientAddress, Instant at);

    /** The newest failures of the username since the given time, newest first, at most {@code limit}. */
    List<Instant> newestForUsername(String username, Instant since, int limit);

    /** The newest failures from the client address since the given time, newest first, at most {@code limit}. */
    List<Instant> newestForAddress(String clientAddress, Instant since, int limit);

    /** A successful login forgives the username's failures (the address keeps its count). */
    void forgetUsername(String username);

    /** Drops failures older than the cutoff; returns how many. */
    int purgeBefore(Instant cutoff);
}
