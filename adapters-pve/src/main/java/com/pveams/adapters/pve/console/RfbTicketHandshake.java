package com.pveams.adapters.pve.console;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Answers PVE's VNC challenge with the {@code vncproxy} ticket inside the proxy, so the ticket never reaches the
 * browser and any RFB client works: PVE offers VNC authentication (type 2), the viewer is offered "None" (type 1)
 * instead, and once the viewer chose it the proxy sends PVE the DES response. From PVE's SecurityResult on, bytes
 * pass through untouched. RFB 3.7 and 3.8 only (3.3 lets the server pick the type; noVNC never asks for it).
 */
final class RfbTicketHandshake {
    private static final int VERSION = 12;
    private static final byte NONE = 1;
    private static final byte VNC_AUTH = 2;

    /** What a piece of input produced: bytes for each side, possibly empty. */
    record Out(byte[] toViewer, byte[] toPve) {
        static final Out NOTHING = new Out(new byte[0], new byte[0]);
    }

    private enum State { PVE_VERSION, VIEWER_VERSION, PVE_TYPES, VIEWER_CHOICE, PVE_CHALLENGE, DONE }

    private final String ticket;
    private State state = State.PVE_VERSION;
    private byte[] fromPve = new byte[0];
    private byte[] fromViewer = new byte[0];

    RfbTicketHandshake(String ticket) {
        this.ticket = ticket;
    }

    synchronized boolean done() {
        return state == State.DONE;
    }

    synchronized Out fromPve(byte[] data) {
        if (state == State.DONE) {
            return new Out(data, new byte[0]);
        }
        fromPve = concat(fromPve, data);
        return advance();
    }

    synchronized Out fromViewer(byte[] data) {
        if (state == State.DONE) {
            return new Out(new byte[0], data);
        }
        fromViewer = concat(fromViewer, data);
        return advance();
    }

    private Out advance() {
        ByteArrayOutputStream toViewer = new ByteArrayOutputStream();
        ByteArrayOutputStream toPve = new ByteArrayOutputStream();
        boolean moved = true;
        while (moved && state != State.DONE) {
            moved = false;
            switch (state) {
                case PVE_VERSION -> {
                    if (fromPve.length >= VERSION) {
                        toViewer.writeBytes(take(true, VERSION));
                        state = State.VIEWER_VERSION;
                        moved = true;
                    }
                }
                case VIEWER_VERSION -> {
                    if (fromViewer.length >= VERSION) {
                        byte[] v = take(false, VERSION);
                        String version = new String(v, StandardCharsets.US_ASCII);
                        if (!version.startsWith("RFB 003.00") || version.charAt(10) < '7') {
                            throw new IllegalStateException("RFB version not supported by the console proxy");
                        }
                        toPve.writeBytes(v);
                        state = State.PVE_TYPES;
                        moved = true;
                    }
                }
                case PVE_TYPES -> {
                    if (fromPve.length >= 1 && fromPve.length >= 1 + (fromPve[0] & 0xff)) {
                        int n = fromPve[0] & 0xff;
                        byte[] types = take(true, 1 + n);
                        boolean vncAuth = false;
                        for (int i = 1; i <= n; i++) {
                            vncAuth |= types[i] == VNC_AUTH;
                        }
                        if (!vncAuth) {
                            // n = 0 is PVE's refusal with a reason: the viewer gets it as it is
                            toViewer.writeBytes(types);
                            state = State.DONE;
                        } else {
                            toViewer.writeBytes(new byte[]{1, NONE});
                            state = State.VIEWER_CHOICE;
                        }
                        moved = true;
                    }
                }
                case VIEWER_CHOICE -> {
                    if (fromViewer.length >= 1) {
                        if (take(false, 1)[0] != NONE) {
                            throw new IllegalStateException("the viewer chose a security type not offered");
                        }
                        toPve.write(VNC_AUTH);
                        state = State.PVE_CHALLENGE;
                        moved = true;
                    }
                }
                case PVE_CHALLENGE -> {
                    if (fromPve.length >= 16) {
                        toPve.writeBytes(response(take(true, 16), ticket));
                        state = State.DONE;
                        moved = true;
                    }
                }
                default -> {
                }
            }
        }
        if (state == State.DONE) {
            toViewer.writeBytes(fromPve);
            toPve.writeBytes(fromViewer);
            fromPve = new byte[0];
            fromViewer = new byte[0];
        }
        return toViewer.size() == 0 && toPve.size() == 0 ? Out.NOTHING
                : new Out(toViewer.toByteArray(), toPve.toByteArray());
    }

    private byte[] take(boolean pve, int n) {
        byte[] src = pve ? fromPve : fromViewer;
        byte[] head = Arrays.copyOf(src, n);
        byte[] rest = Arrays.copyOfRange(src, n, src.length);
        if (pve) {
            fromPve = rest;
        } else {
            fromViewer = rest;
        }
        return head;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** VNC authentication: DES-ECB of the challenge, keyed by the password's first 8 bytes, each bit-reversed. */
    static byte[] response(byte[] challenge, String password) {
        byte[] key = new byte[8];
        byte[] pw = password.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 8 && i < pw.length; i++) {
            key[i] = (byte) (Integer.reverse(pw[i] & 0xff) >>> 24);
        }
        try {
            Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
            des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
            return des.doFinal(challenge);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DES is part of every JDK", e);
        }
    }
}
