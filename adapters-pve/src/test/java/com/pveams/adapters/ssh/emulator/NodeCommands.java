package com.pveams.adapters.ssh.emulator;

import com.pveams.adapters.ssh.emulator.NodeEmulator.HttpFixture;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The programs the emulator knows, each reduced to the options {@code SshNodeShell} passes. Options a real tool
 * has but the adapter does not use are rejected the way the tool would reject an unknown option, so a change in
 * the adapter's command lines shows up as a failing test rather than silently passing.
 */
final class NodeCommands {
    private final NodeEmulator node;

    NodeCommands(NodeEmulator node) {
        this.node = node;
    }

    /** Runs the process's program; a signal that ends it gives 128 + its number, as a shell reports it. */
    int run(EmulatedProcess process, OutputStream out, OutputStream err) throws IOException, InterruptedException {
        return run(process, java.io.InputStream.nullInputStream(), out, err);
    }

    /** {@link #run(EmulatedProcess, OutputStream, OutputStream)} with the command's stdin. */
    int run(EmulatedProcess process, java.io.InputStream in, OutputStream out, OutputStream err)
            throws IOException, InterruptedException {
        try {
            return program(process, new Io(in == null ? java.io.InputStream.nullInputStream() : in, out, err));
        } catch (EmulatedProcess.Killed k) {
            return k.exitStatus;
        }
    }

    private int program(EmulatedProcess process, Io io)
            throws IOException, InterruptedException, EmulatedProcess.Killed {
        List<String> argv = process.argv();
        NodeEmulator.Reply scripted = node.replies.get(argv);
        if (scripted != null) {
            io.out(scripted.stdout());
            return io.err(scripted.exitStatus(), scripted.stderr());
        }
        List<String> args = argv.subList(1, argv.size());
        return switch (argv.get(0)) {
            case "echo" -> io.out(String.join(" ", args) + "\n");
            case "sleep" -> {
                process.sleep(Duration.ofMillis((long) (Double.parseDouble(args.get(0)) * 1000)));
                yield 0;
            }
            case "timeout" -> timeout(args, io);
            case "realpath" -> realpath(args, io);
            case "curl" -> curl(args, io);
            case "sha256sum" -> digest("SHA-256", "sha256sum", args, io);
            case "sha512sum" -> digest("SHA-512", "sha512sum", args, io);
            case "mv" -> mv(args, io);
            case "rm" -> rm(args, io);
            case "find" -> find(args, io);
            case "qm" -> qm(args, io);
            case "pveversion" -> args.isEmpty() ? io.out("pve-manager/9.1.1/abc (running kernel: 6.14.8-2-pve)\n")
                    : io.err(2, "pveversion: emulator supports only 'pveversion'\n");
            case "cat" -> cat(args, io);
            case "tee" -> tee(args, io); // multi-IP snippets
            default -> io.err(127, "sh: 1: " + argv.get(0) + ": not found\n");
        };
    }

    /**
     * coreutils {@code timeout --kill-after=K DURATION PROGRAM [ARG]...}, durations in seconds with an {@code s}
     * suffix. The program runs as its own process; at DURATION it gets SIGTERM and timeout exits 124 once it ended,
     * and if it is still there K later it gets SIGKILL and the exit status is 137. Otherwise the program's status.
     */
    private int timeout(List<String> args, Io io) throws IOException, InterruptedException {
        if (args.size() < 3 || !args.get(0).startsWith("--kill-after=")) {
            return io.err(125, "timeout: emulator supports only 'timeout --kill-after=K DURATION PROGRAM...'\n");
        }
        Duration killAfter;
        Duration stopAfter;
        try {
            killAfter = seconds(args.get(0).substring("--kill-after=".length()));
            stopAfter = seconds(args.get(1));
        } catch (IllegalArgumentException e) {
            return io.err(125, "timeout: invalid time interval\n");
        }
        EmulatedProcess child = node.spawn(args.subList(2, args.size()));
        int[] status = new int[1];
        Thread t = new Thread(() -> {
            try {
                status[0] = run(child, io.in, io.out, io.err);
            } catch (IOException | RuntimeException e) {
                status[0] = 1;
            } catch (InterruptedException e) {
                status[0] = 130;
            } finally {
                child.exited();
            }
        }, "node-emulator-" + child.argv().get(0));
        t.setDaemon(true);
        t.start();
        if (child.awaitEnd(stopAfter)) {
            t.join();
            return status[0];
        }
        child.signal(EmulatedProcess.TERM);
        if (child.awaitEnd(killAfter)) {
            return 124;
        }
        child.signal(EmulatedProcess.KILL);
        child.awaitEnd(Duration.ofMinutes(1));
        return 137;
    }

    /** A duration as timeout reads it here: a non-negative decimal number of seconds with an {@code s} suffix. */
    private static Duration seconds(String text) {
        if (!text.matches("[0-9]+(\\.[0-9]{1,3})?s")) {
            throw new IllegalArgumentException(text);
        }
        return Duration.ofMillis(new java.math.BigDecimal(text.substring(0, text.length() - 1))
                .movePointRight(3).longValueExact());
    }

    /** {@code realpath -e -- PATH}. */
    private int realpath(List<String> args, Io io) throws IOException {
        if (!args.equals(List.of("-e", "--", last(args)))) {
            return io.err(1, "realpath: emulator supports only 'realpath -e -- PATH'\n");
        }
        Path p = node.path(last(args));
        if (!Files.exists(p)) {
            return io.err(1, "realpath: " + last(args) + ": No such file or directory\n");
        }
        return io.out(node.nodePath(p.toRealPath()) + "\n");
    }

    /** {@code cat -- FILE}. */
    private int cat(List<String> args, Io io) throws IOException {
        if (args.size() != 2 || !args.get(0).equals("--")) {
            return io.err(1, "cat: emulator supports only 'cat -- FILE'\n");
        }
        Path p = node.path(args.get(1));
        if (!Files.isRegularFile(p)) {
            return io.err(1, "cat: " + args.get(1) + ": No such file or directory\n");
        }
        return io.out(Files.readString(p, StandardCharsets.UTF_8));
    }

    /** {@code tee -- FILE}: stdin into FILE (created or truncated) and to stdout; the directory must exist. */
    private int tee(List<String> args, Io io) throws IOException {
        if (args.size() != 2 || !args.get(0).equals("--")) {
            return io.err(1, "tee: emulator supports only 'tee -- FILE'\n");
        }
        Path p = node.path(args.get(1));
        if (p.getParent() == null || !Files.isDirectory(p.getParent())) {
            return io.err(1, "tee: " + args.get(1) + ": No such file or directory\n");
        }
        byte[] bytes = io.in().readAllBytes();
        Files.write(p, bytes);
        io.out().write(bytes);
        return 0;
    }

    /** {@code sha256sum -- FILE} / {@code sha512sum -- FILE}. */
    private int digest(String algorithm, String tool, List<String> args, Io io) throws IOException {
        if (args.size() != 2 || !args.get(0).equals("--")) {
            return io.err(1, tool + ": emulator supports only '" + tool + " -- FILE'\n");
        }
        Path p = node.path(args.get(1));
        if (!Files.isRegularFile(p)) {
            return io.err(1, tool + ": " + args.get(1) + ": No such file or directory\n");
        }
        try {
            byte[] d = MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(p));
            return io.out(HexFormat.of().formatHex(d) + "  " + args.get(1) + "\n");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code mv -f -T -- SOURCE DEST}. */
    private int mv(List<String> args, Io io) throws IOException {
        if (args.size() != 5 || !args.subList(0, 3).equals(List.of("-f", "-T", "--"))) {
            return io.err(1, "mv: emulator supports only 'mv -f -T -- SOURCE DEST'\n");
        }
        Path from = node.path(args.get(3));
        Path to = node.path(args.get(4));
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            return io.err(1, "mv: cannot stat '" + args.get(3) + "': No such file or directory\n");
        }
        if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
            return io.err(1, "mv: cannot overwrite directory '" + args.get(4) + "' with non-directory\n");
        }
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return 0;
    }

    /** {@code rm -f -- FILE}. */
    private int rm(List<String> args, Io io) throws IOException {
        if (args.size() != 3 || !args.subList(0, 2).equals(List.of("-f", "--"))) {
            return io.err(1, "rm: emulator supports only 'rm -f -- FILE'\n");
        }
        Path p = node.path(args.get(2));
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return io.err(1, "rm: cannot remove '" + args.get(2) + "': Is a directory\n");
        }
        Files.deleteIfExists(p);
        return 0;
    }

    /** {@code find DIR -mindepth 1 -maxdepth 1 -type f -printf FORMAT} with %s, %T@, %f, \0 and \n. */
    private int find(List<String> args, Io io) throws IOException {
        if (args.size() != 9 || !args.subList(1, 7).equals(List.of("-mindepth", "1", "-maxdepth", "1", "-type", "f"))
                || !args.get(7).equals("-printf")) {
            return io.err(1, "find: emulator supports only 'find DIR -mindepth 1 -maxdepth 1 -type f -printf FMT'\n");
        }
        Path dir = node.path(args.get(0));
        if (!Files.isDirectory(dir)) {
            return io.err(1, "find: '" + args.get(0) + "': No such file or directory\n");
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        }
        StringBuilder sb = new StringBuilder();
        for (Path p : entries) {
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            long millis = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
            String mtime = (millis / 1000) + "." + String.format("%03d", millis % 1000) + "0000000";
            sb.append(args.get(8)
                    .replace("%s", Long.toString(Files.size(p)))
                    .replace("%T@", mtime)
                    .replace("%f", p.getFileName().toString())
                    .replace("\\0", "\0")
                    .replace("\\n", "\n"));
        }
        return io.out(sb.toString());
    }

    /** {@code qm disk import VMID SOURCE STORAGE} and the older alias {@code qm importdisk VMID SOURCE STORAGE}. */
    private int qm(List<String> args, Io io) throws IOException {
        List<String> operands;
        if (args.size() >= 2 && args.get(0).equals("disk") && args.get(1).equals("import")) {
            operands = args.subList(2, args.size());
        } else if (!args.isEmpty() && args.get(0).equals("importdisk")) {
            operands = args.subList(1, args.size());
        } else {
            return io.err(255, "unknown command 'qm " + String.join(" ", args) + "'\n");
        }
        if (operands.size() != 3 || !operands.get(0).matches("[1-9][0-9]{2,8}")) {
            return io.err(255, "400 wrong number of arguments or invalid vmid\n");
        }
        int vmid = Integer.parseInt(operands.get(0));
        String source = operands.get(1);
        String storage = operands.get(2);
        if (!node.storages.contains(storage)) {
            return io.err(255, "storage '" + storage + "' does not exist\n");
        }
        if (!Files.isRegularFile(node.path(source))) {
            return io.err(255, "unable to parse volume filename '" + source + "'\n");
        }
        long n = node.imports.stream().filter(d -> d.vmid() == vmid).count();
        String volume = storage + ":vm-" + vmid + "-disk-" + n;
        node.imports.add(new NodeEmulator.ImportedDisk(vmid, source, storage, volume));
        long size = Files.size(node.path(source));
        return io.out("importing disk '" + source + "' to VM " + vmid + " ...\n"
                + "transferred " + size + " B of " + size + " B (100.00%)\n"
                + "Successfully imported disk as 'unused" + n + ":" + volume + "'\n");
    }

    /**
     * {@code curl} with the options the adapter uses. The response comes from the emulator's URL fixtures; an
     * unknown URL behaves like a host that refuses connections.
     */
    private int curl(List<String> args, Io io) throws IOException {
        Set<String> flags = Set.of("-q", "--fail", "--silent", "--show-error", "--globoff");
        Set<String> valued = Set.of("--proto", "--max-redirs", "--connect-timeout", "--max-time", "--resolve", "-o",
                "-w", "--url", "--noproxy");
        Map<String, String> resolve = new HashMap<>();
        String url = null;
        String output = null;
        String writeOut = "";
        boolean fail = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-q") && i != 0) {
                return io.err(2, "curl: -q must be the first option\n");
            }
            if (flags.contains(a)) {
                fail |= a.equals("--fail");
            } else if (valued.contains(a)) {
                if (i + 1 >= args.size()) {
                    return io.err(2, "curl: option " + a + ": requires parameter\n");
                }
                String v = args.get(++i);
                switch (a) {
                    case "--url" -> url = v;
                    case "-o" -> output = v;
                    case "-w" -> writeOut = v;
                    case "--resolve" -> {
                        int last = v.lastIndexOf(':');
                        if (last < 0) {
                            return io.err(2, "curl: option --resolve: is badly used here\n");
                        }
                        resolve.put(v.substring(0, last), v.substring(last + 1).replaceAll("^\\[|]$", ""));
                    }
                    default -> { /* recorded in the argv; tests assert on it */ }
                }
            } else if (a.startsWith("-")) {
                return io.err(2, "curl: option " + a + ": is unknown\n");
            } else {
                url = a;
            }
        }
        if (url == null || output == null) {
            return io.err(2, "curl: emulator needs --url and -o\n");
        }
        Path out = node.path(output);
        if (!Files.isDirectory(out.getParent())) {
            return io.err(23, "curl: (23) Failure writing output to destination\n");
        }
        String remoteIp;
        try {
            URI u = new URI(url);
            String host = u.getHost() == null ? "" : u.getHost().replaceAll("^\\[|]$", "");
            int port = u.getPort() != -1 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
            remoteIp = node.remoteAddresses.getOrDefault(url, resolve.get(host + ":" + port));
            if (remoteIp == null && host.matches("[0-9.]+|.*:.*")) {
                remoteIp = host; // an IP literal needs no resolving
            }
        } catch (URISyntaxException e) {
            return io.err(3, "curl: (3) URL using bad/illegal format or missing URL\n");
        }
        if (remoteIp == null) {
            return io.err(6, "curl: (6) Could not resolve host (the emulated node has no DNS)\n");
        }
        HttpFixture fixture = node.http.get(url);
        if (fixture == null) {
            return io.err(7, "curl: (7) Failed to connect to " + url + ": Connection refused\n");
        }
        int code;
        String location = "";
        byte[] body;
        if (fixture instanceof HttpFixture.Body b) {
            code = 200;
            body = b.bytes();
        } else if (fixture instanceof HttpFixture.Redirect r) {
            code = r.code();
            location = r.location();
            body = "moved".getBytes(StandardCharsets.UTF_8);
        } else if (fixture instanceof HttpFixture.Truncated t) {
            Files.write(out, t.partial());
            return io.err(18, "curl: (18) transfer closed with outstanding read data remaining\n");
        } else {
            code = ((HttpFixture.Status) fixture).code();
            body = ("error " + code).getBytes(StandardCharsets.UTF_8);
            if (fail && code >= 400) {
                Files.write(out, new byte[0]); // curl may leave an empty output file behind
                return io.err(22, "curl: (22) The requested URL returned error: " + code + "\n");
            }
        }
        Files.write(out, body);
        return io.out(writeOut.replace("%{http_code}", Integer.toString(code))
                .replace("%{size_download}", Integer.toString(body.length))
                .replace("%{redirect_url}", location)
                .replace("%{remote_ip}", remoteIp)
                .replace("\\n", "\n"));
    }

    private static String last(List<String> args) {
        return args.isEmpty() ? "" : args.get(args.size() - 1);
    }

    /** Output helpers that return the exit status, so a program can end with {@code return io.out(...)}. */
    private record Io(java.io.InputStream in, OutputStream out, OutputStream err) {
        int out(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            return 0;
        }

        int err(int status, String text) throws IOException {
            err.write(text.getBytes(StandardCharsets.UTF_8));
            return status;
        }
    }
}
