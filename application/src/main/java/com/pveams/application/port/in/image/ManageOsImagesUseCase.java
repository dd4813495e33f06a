package com.pveams.application.port.in.image;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.image.ImageField;
import com.pveams.domain.image.ImageSpec;
import com.pveams.domain.image.ImageStatus;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.Objects;

/** The OS image family of the admin API: define, list, filter, revise, delete. */
public interface ManageOsImagesUseCase {
    OsImageView define(DefineImageCommand command);

    Page<OsImageView> list(PageRequest request);

    /** {@code selectOsByPageAndCondition}: only whitelisted fields, matched with parameters, never SQL text. */
    Page<OsImageView> search(ImageField.Filter filter, PageRequest request);

    OsImageView revise(ReviseImageCommand command);

    /** Removes the image's files from the nodes, then the image; refused while a download runs. */
    void delete(long id);

    /** A new image; {@link ImageSpec#of} has validated every field. */
    record DefineImageCommand(ImageSpec spec) {
        public DefineImageCommand {
            Objects.requireNonNull(spec, "spec");
        }
    }

    /**
     * An edit of image {@code id}. {@code downType} and {@code size} are what the client sent back: both are
     * read-only and refused when they differ; {@code status} null means unchanged.
     */
    record ReviseImageCommand(long id, ImageSpec spec, Integer downType, String size, ImageStatus status) {
        public ReviseImageCommand {
            if (id < 1) {
                throw DomainException.invalid("id", "必须是正整数", "must be a positive integer");
            }
            Objects.requireNonNull(spec, "spec");
        }
    }
}
