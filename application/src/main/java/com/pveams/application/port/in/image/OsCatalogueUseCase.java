package com.pveams.application.port.in.image;

import com.pveams.domain.paging.PageRequest;

import java.time.Instant;
import java.util.List;

/** The online image catalogue: browse it, and activate an entry as an image. */
public interface OsCatalogueUseCase {
    CataloguePage browse(PageRequest request);

    /** Adds the catalogue entry {@code fileName} as an image (downloaded from its URL); refused if it exists. */
    OsImageView activate(String fileName);

    /** The legacy shape: {@code page, size, total, totalPage} and the entries of this page. */
    record CataloguePage(int page, int size, long total, long totalPage, List<Item> items, boolean fromBundledCopy) {
        public CataloguePage {
            items = List.copyOf(items);
        }
    }

    /** One catalogue entry, with the image it was activated as (if any) in {@code activated}. */
    record Item(String fileName, String url, boolean cloudInit, String type, String arch, String osType,
                String checksumAlgorithm, String checksum, String checksumsUrl, List<Activated> activated) {
        public Item {
            activated = List.copyOf(activated);
        }
    }

    record Activated(int status, long osId, String size, String path, Instant createdAt) {
    }
}
