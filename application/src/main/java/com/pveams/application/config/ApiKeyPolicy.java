package com.pveams.application.config;

/**
 * Whether admins may see API keys again after creating them ({@code ams.api-keys.reveal}). On, as the legacy
 * server did it (its admin UI reads keys only from the list): each new key is also stored encrypted and the list
 * shows it in full. Off: show-once, only the hash is stored for new keys and the list shows every key masked.
 */
public record ApiKeyPolicy(boolean reveal) {
}
