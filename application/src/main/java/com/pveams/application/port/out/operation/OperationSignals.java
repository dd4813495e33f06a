package com.pveams.application.port.out.operation;

/**
 * Tells this replica that steps may have become runnable somewhere in the cluster (an operation was started or a
 * step finished on any replica), so idle workers look at once instead of at the next safety poll. A signal carries
 * no data: the claim decides what runs. Implementations also signal after (re)connecting, since signals sent in
 * between are lost.
 */
public interface OperationSignals {
    void subscribe(Runnable wake);
}
