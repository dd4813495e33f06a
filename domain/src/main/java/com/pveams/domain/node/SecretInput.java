package com.pveams.domain.node;

/**
 * A secret field of a node form. Listings show {@link #MASK} instead of secrets, and the admin UI sends back what
 * it read: the mask, an empty value or no field at all keep the stored secret; anything else replaces it.
 */
public sealed interface SecretInput {
    String MASK = "**********";

    static SecretInput of(String raw) {
        if (raw == null || raw.isEmpty() || MASK.equals(raw)) {
            return new Keep();
        }
        return new Replace(raw);
    }

    default boolean replaces() {
        return this instanceof Replace;
    }

    record Keep() implements SecretInput {
    }

    record Replace(String value) implements SecretInput {
        @Override
        public String toString() {
            return "Replace[***]";
        }
    }
}
