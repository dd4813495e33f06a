package com.pveams.bootstrap.wiring;

import java.nio.file.Path;

/** {@code ams.data-dir}: where the service keeps its files (embedded database, generated keys). */
public record DataDirectory(Path path) {
    public Path resolve(String name) {
        return path.resolve(name);
    }
}
