package com.pveams.application.service;

import com.pveams.application.port.out.CredentialChangeFeed;

/** A change feed the test drives: it decides when the feed connects and which changes are announced. */
final class ManualCredentialFeed implements CredentialChangeFeed {
    Listener listener;

    @Override
    public void subscribe(Listener listener) {
        this.listener = listener;
    }
}
