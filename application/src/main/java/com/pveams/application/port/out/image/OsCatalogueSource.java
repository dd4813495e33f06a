package com.pveams.application.port.out.image;

import com.pveams.domain.image.CatalogueEntry;

import java.util.List;

/** The online image catalogue: the configured URL when it answers in time, else the copy shipped with the service. */
public interface OsCatalogueSource {
    Catalogue load();

    /** @param bundled true when the shipped copy was used (no URL configured, or it failed) */
    record Catalogue(List<CatalogueEntry> entries, boolean bundled) {
        public Catalogue {
            entries = List.copyOf(entries);
        }
    }
}
