package com.pveams.adapters.ssh.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell does for a simple command made only of literal words:
 * blanks separate words; single quotes keep everything literal; double quotes keep everything literal except
 * {@code \"}, {@code \\}, {@code \$}, {@code \`} and backslash-newline; a backslash outside quotes escapes the next
 * character.
 *
 * <p>Anything that would make a real shell do more than run one program (an unquoted {@code ; & | < > ( ) $ `},
 * a glob, a leading {@code ~} or {@code #}, an unquoted newline, an expansion inside double quotes) raises
 * {@link UnsafeSyntaxException}: the emulator treats such a line as an injection that got through.
 */
public final class ShellWords {

    /** The line holds shell syntax beyond literal words. */
    public static final class UnsafeSyntaxException extends Exception {
        public UnsafeSyntaxException(String message) {
            super(message);
        }
    }

    private static final String OPERATORS = ";&|<>()$`*?[";

    private ShellWords() {
    }

    public static List<String> split(String line) throws UnsafeSyntaxException {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
                continue;
            }
            if (word == null) {
                if (c == '~' || c == '#') {
                    throw new UnsafeSyntaxException("unquoted '" + c + "' at the start of a word");
                }
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new UnsafeSyntaxException("unterminated single quote");
                }
                word.append(line, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new UnsafeSyntaxException("backslash at the end of the line");
                }
                char next = line.charAt(i + 1);
                if (next != '\n') {
                    word.append(next);
                }
                i += 2;
            } else if (c == '\n' || c == '\r') {
                throw new UnsafeSyntaxException("unquoted line break");
            } else if (OPERATORS.indexOf(c) >= 0) {
                throw new UnsafeSyntaxException("unquoted '" + c + "'");
            } else {
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static int doubleQuoted(String line, int i, StringBuilder word) throws UnsafeSyntaxException {
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '$' || c == '`') {
                throw new UnsafeSyntaxException("expansion inside double quotes");
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`\n".indexOf(line.charAt(i + 1)) >= 0) {
                char next = line.charAt(i + 1);
                if (next != '\n') {
                    word.append(next);
                }
                i += 2;
                continue;
            }
            word.append(c);
            i++;
        }
        throw new UnsafeSyntaxException("unterminated double quote");
    }
}
