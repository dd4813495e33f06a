package com.pveams.application.port.out.nodeshell;

import java.time.Instant;

/** A file in a node's image directory. */
public record ImageFile(String name, long sizeBytes, Instant modifiedAt) {
}
