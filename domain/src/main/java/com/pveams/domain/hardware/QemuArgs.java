package com.pveams.domain.hardware;

import com.pveams.domain.error.DomainException;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The whole {@code args} text of a VM: only what this service renders from typed models, checked as a grammar
 * before it is sent, so no other string can reach QEMU's command line. PVE splits {@code args} like a shell and
 * QEMU splits each option value at commas, so the text must be
 * <pre>
 *   -OPTION VALUE[ -OPTION VALUE…]      OPTION one of smp, cpu, smbios; single spaces
 *   VALUE = ITEM[,ITEM…]                ITEM = WORD | KEY=WORD | KEY='QemuText'
 * </pre>
 * where a WORD is letters, digits and {@code _.+:-} and the quoted text is a {@link QemuText} (no quote, backslash
 * or comma). Other options ({@code -chardev}, {@code -device}, {@code -fw_cfg} …) could read or write host files.
 */
public final class QemuArgs {
    public static final Set<String> OPTIONS = Set.of("smp", "cpu", "smbios");
    /** A generous bound: a CPU model plus 32 SMBIOS structures of checked fields. */
    public static final int MAX_LENGTH = 16_384;
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.+:-]+");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");

    private QemuArgs() {
    }

    /** The text unchanged if it has the shape above; otherwise a refusal naming {@code field}. */
    public static String check(String field, String args) {
        if (args == null || args.isEmpty()) {
            throw DomainException.required(field);
        }
        if (args.length() > MAX_LENGTH) {
            throw DomainException.invalid(field, "长度不能超过 " + MAX_LENGTH, "must be at most " + MAX_LENGTH + " characters");
        }
        int i = 0;
        while (true) {
            int space = args.indexOf(' ', i);
            if (space < 0 || args.charAt(i) != '-' || !OPTIONS.contains(args.substring(i + 1, space))) {
                throw refused(field);
            }
            i = value(field, args, space + 1);
            if (i == args.length()) {
                return args;
            }
            if (args.charAt(i) != ' ' || i + 1 == args.length()) {
                throw refused(field);
            }
            i++;
        }
    }

    /** Reads one option value from {@code start}; returns the index after it (a space or the end). */
    private static int value(String field, String s, int start) {
        int i = start;
        while (true) {
            int itemEnd = item(field, s, i);
            if (itemEnd == s.length() || s.charAt(itemEnd) == ' ') {
                return itemEnd;
            }
            if (s.charAt(itemEnd) != ',') {
                throw refused(field);
            }
            i = itemEnd + 1;
        }
    }

    private static int item(String field, String s, int start) {
        int end = start;
        while (end < s.length() && s.charAt(end) != ',' && s.charAt(end) != ' ' && s.charAt(end) != '\'') {
            end++;
        }
        String head = s.substring(start, end);
        if (end < s.length() && s.charAt(end) == '\'') {
            // KEY='text': the key ends with '=', the text runs to the next quote
            if (!head.endsWith("=") || !KEY.matcher(head.substring(0, head.length() - 1)).matches()) {
                throw refused(field);
            }
            int close = s.indexOf('\'', end + 1);
            if (close < 0) {
                throw refused(field);
            }
            QemuText.check(field, s.substring(end + 1, close), MAX_LENGTH);
            return close + 1;
        }
        int eq = head.indexOf('=');
        boolean ok = eq < 0 ? WORD.matcher(head).matches()
                : KEY.matcher(head.substring(0, eq)).matches() && WORD.matcher(head.substring(eq + 1)).matches();
        if (!ok) {
            throw refused(field);
        }
        return end;
    }

    private static DomainException refused(String field) {
        return DomainException.invalid(field, "只能包含由CPU和SMBIOS模型生成的 -smp、-cpu、-smbios 选项",
                "may only hold the -smp, -cpu and -smbios options rendered from CPU and SMBIOS models");
    }
}
