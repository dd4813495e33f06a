package com.pveams.domain.vm.create;

import com.pveams.domain.error.DomainException;
import com.pveams.domain.error.ErrorCode;

import java.util.List;
import java.util.OptionalLong;

/**
 * The request's {@code os}: an image id when all digits, else a file name, a name, or a name plus {@code .qcow2},
 * tried in that order (legacy-behavior §5.2 step 15).
 */
public record ImageRef(String text) {
    public static ImageRef of(String os) {
        if (os == null || os.isBlank()) {
            throw new DomainException(ErrorCode.IMAGE_NOT_NULL, "os", null, null);
        }
        return new ImageRef(os.strip());
    }

    /** The id the text names, when it is all digits. */
    public OptionalLong id() {
        if (text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(text));
    }

    public enum By { FILE_NAME, NAME }

    /** The look-ups after the id, in order. */
    public List<Lookup> lookups() {
        return List.of(new Lookup(By.FILE_NAME, text), new Lookup(By.NAME, text), new Lookup(By.FILE_NAME, text + ".qcow2"));
    }

    public record Lookup(By by, String value) {
    }

    public DomainException notFound() {
        return new DomainException(ErrorCode.CLOUD_IMAGE_NOT_EXIST, "os", text + " 不存在", text + " does not exist");
    }

    public DomainException notOnNode() {
        return new DomainException(ErrorCode.CLOUD_IMAGE_NOT_AVAILABLE, "os", text + " 尚未下载到该节点",
                text + " is not downloaded on this node");
    }
}
