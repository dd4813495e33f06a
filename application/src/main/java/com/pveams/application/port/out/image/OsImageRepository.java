package com.pveams.application.port.out.image;

import com.pveams.domain.image.ImageField;
import com.pveams.domain.image.OsImage;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface OsImageRepository {
    /** Inserts unless the name or the file name is taken (by a concurrent insert too); empty when taken. */
    Optional<OsImage> insertIfFree(OsImage image);

    Optional<OsImage> findById(long id);

    /** Reads and locks the row until the transaction ends: downloads cannot start on it meanwhile. */
    Optional<OsImage> lockById(long id);

    boolean nameTaken(String name, Long exceptId);

    boolean fileNameTaken(String fileName, Long exceptId);

    List<OsImage> findByFileNames(Collection<String> fileNames);

    /** Newest first. */
    Page<OsImage> page(PageRequest request);

    Page<OsImage> search(ImageField.Filter filter, PageRequest request);

    void update(OsImage image);

    /** Records the measured size of the file when none is known yet. */
    void recordSizeIfUnknown(long id, long sizeBytes);

    boolean delete(long id);
}
