package com.pveams.adapters.ssh;

import com.pveams.application.port.out.nodeshell.NodeShellException;
import com.pveams.application.port.out.nodeshell.NodeShellException.Kind;

import java.util.regex.Pattern;

/**
 * Lexical rules for the image directory and the file names inside it. These run before anything is sent to the
 * node; whether a name is a symlink pointing elsewhere can only be seen on the node, so {@link ImageDirectory} also
 * resolves names there ({@code realpath -e}) and compares the result with the resolved image directory.
 *
 * <p>Image names are flat (no sub-directories) and use a conservative character set that every image name seen
 * in practice fits; names starting with a dot are reserved (partial downloads are hidden files).
 */
public final class ImagePaths {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}");
    private static final Pattern DIRECTORY_SEGMENT = Pattern.compile("[A-Za-z0-9._+-]+");

    private ImagePaths() {
    }

    /** The configured image directory, normalised ("//" and a trailing "/" removed); refuses relative or odd paths. */
    public static String directory(String imageDirectory) {
        if (imageDirectory == null || !imageDirectory.startsWith("/")) {
            throw refused("the image directory must be an absolute path");
        }
        StringBuilder sb = new StringBuilder();
        for (String segment : imageDirectory.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..") || !DIRECTORY_SEGMENT.matcher(segment).matches()) {
                throw refused("the image directory contains an unsupported segment");
            }
            sb.append('/').append(segment);
        }
        if (sb.length() == 0) {
            throw refused("the image directory cannot be /");
        }
        return sb.toString();
    }

    /**
     * The plain file name an image name stands for. Accepts a bare name, or an absolute path directly inside the
     * image directory; refuses {@code ..}, other absolute paths, sub-directories, hidden names and odd characters.
     */
    public static String fileName(String imageDirectory, String name) {
        String dir = directory(imageDirectory);
        if (name == null || name.isEmpty()) {
            throw refused("the image file name is empty");
        }
        String candidate = name;
        if (candidate.startsWith("/")) {
            String prefix = dir + "/";
            if (!candidate.startsWith(prefix)) {
                throw refused("the absolute path " + printable(name) + " is outside the image directory " + dir);
            }
            candidate = candidate.substring(prefix.length());
        }
        for (String segment : candidate.split("/", -1)) {
            if (segment.equals("..")) {
                throw refused("the image file name " + printable(name) + " climbs out of the image directory");
            }
        }
        if (candidate.indexOf('/') >= 0) {
            throw refused("the image file name " + printable(name) + " names a sub-directory; images are flat");
        }
        if (!FILE_NAME.matcher(candidate).matches()) {
            throw refused("the image file name " + printable(name)
                    + " must start with a letter or digit and use only letters, digits and . _ + -");
        }
        return candidate;
    }

    /** Whether a path printed by the node is the directory {@code root} itself or something inside it. */
    static boolean isInside(String root, String path) {
        return path.startsWith(root + "/") && path.length() > root.length() + 1;
    }

    /** A name for messages: control characters escaped, length capped. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder("'");
        s.codePoints().limit(120).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        if (s.length() > 120) {
            sb.append('…');
        }
        return sb.append('\'').toString();
    }

    private static NodeShellException refused(String why) {
        return new NodeShellException(Kind.REFUSED_PATH, why);
    }
}
