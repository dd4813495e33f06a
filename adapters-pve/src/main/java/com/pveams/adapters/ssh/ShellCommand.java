package com.pveams.adapters.ssh;

import java.util.List;
import java.util.Objects;

/**
 * A command as an argument list, turned into the one string an SSH exec request carries.
 *
 * <p>The remote side hands that string to the login shell ({@code sh -c}). Every argument, the program name
 * included, is wrapped in single quotes; inside single quotes a POSIX shell gives no character a special meaning,
 * so {@code ;}, {@code $(…)}, backticks, globs, double quotes and newlines all arrive as literal text. The only
 * character that cannot appear inside single quotes is the single quote itself, which is written as
 * {@code '\''} (close the quote, an escaped quote, reopen). NUL cannot be passed to a program at all and is refused.
 *
 * <p>{@link #toString()} shows only the program name: arguments may hold secrets.
 */
public final class ShellCommand {
    private final List<String> argv;

    private ShellCommand(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program name");
        }
        for (String arg : argv) {
            Objects.requireNonNull(arg, "argument");
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an argument contains a NUL character");
            }
        }
        if (argv.get(0).isEmpty()) {
            throw new IllegalArgumentException("the program name is empty");
        }
        this.argv = argv;
    }

    public static ShellCommand of(List<String> argv) {
        Objects.requireNonNull(argv, "argv");
        return new ShellCommand(List.copyOf(argv));
    }

    public static ShellCommand of(String... argv) {
        return of(List.of(argv));
    }

    public List<String> argv() {
        return argv;
    }

    public String program() {
        return argv.get(0);
    }

    /** The command line: each argument single-quoted, separated by one space. */
    public String toCommandLine() {
        StringBuilder sb = new StringBuilder();
        for (String arg : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(arg));
        }
        return sb.toString();
    }

    /** One argument in single quotes, embedded single quotes written as {@code '\''}. */
    public static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return "ShellCommand[" + program() + " +" + (argv.size() - 1) + " args]";
    }
}
