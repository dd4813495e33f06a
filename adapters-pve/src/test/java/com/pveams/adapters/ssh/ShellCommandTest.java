package com.pveams.adapters.ssh;

import com.pveams.adapters.ssh.emulator.ShellWords;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShellCommandTest {

    static final List<String> HOSTILE = List.of(
            "; rm -rf /",
            "$(touch /tmp/pwned)",
            "`id`",
            "it's",
            "'",
            "''",
            "\"double\" and 'single'",
            "line1\nline2",
            "tab\there",
            "back\\slash\\",
            "*.qcow2",
            "~root",
            "#comment",
            "a && b || c | d > /etc/passwd < /dev/null &",
            "",
            "  leading and trailing  ",
            "--help",
            "ünïcødé ✓");

    @Test
    void quotesEveryArgumentInSingleQuotes() {
        assertEquals("'qm' 'disk' 'import' '100'", ShellCommand.of("qm", "disk", "import", "100").toCommandLine());
        assertEquals("'echo' 'it'\\''s'", ShellCommand.of("echo", "it's").toCommandLine());
        assertEquals("'echo' ''", ShellCommand.of("echo", "").toCommandLine());
    }

    @Test
    void hostileArgumentsSplitBackIntoTheSameWords() throws Exception {
        List<String> argv = new ArrayList<>();
        argv.add("echo");
        argv.addAll(HOSTILE);
        assertEquals(argv, ShellWords.split(ShellCommand.of(argv).toCommandLine()));
    }

    @Test
    void theSplitterRefusesUnquotedSyntaxSoAnInjectionCannotHide() {
        for (String line : List.of("echo a; rm -rf /", "echo $(id)", "echo `id`", "echo a\nrm x", "echo *", "a | b")) {
            assertThrows(ShellWords.UnsafeSyntaxException.class, () -> ShellWords.split(line), line);
        }
    }

    @Test
    void refusesNulAndEmptyProgram() {
        assertThrows(IllegalArgumentException.class, () -> ShellCommand.of("echo", "a\0b"));
        assertThrows(IllegalArgumentException.class, () -> ShellCommand.of(""));
        assertThrows(IllegalArgumentException.class, () -> ShellCommand.of(List.of()));
    }

    @Test
    void toStringDoesNotShowArguments() {
        String s = ShellCommand.of("qm", "guest", "passwd", "secret-password").toString();
        assertFalse(s.contains("secret-password"), s);
    }
}
