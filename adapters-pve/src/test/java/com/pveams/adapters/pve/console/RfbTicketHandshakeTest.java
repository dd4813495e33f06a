package com.pveams.adapters.pve.console;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RfbTicketHandshakeTest {
    private static final byte[] V38 = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theViewerIsOfferedNoneAndPveGetsTheTicketsDesResponseEvenFromSplitFrames() {
        RfbTicketHandshake h = new RfbTicketHandshake("PVEVNC:ticket");
        assertEquals(0, h.fromPve(new byte[]{'R', 'F', 'B'}).toViewer().length, "nothing until a whole version");
        assertArrayEquals(V38, h.fromPve(" 003.008\n".getBytes(StandardCharsets.US_ASCII)).toViewer());
        assertArrayEquals(V38, h.fromViewer(V38).toPve());
        assertArrayEquals(new byte[]{1, 1}, h.fromPve(new byte[]{2, 16, 2}).toViewer(), "None offered for type 2");
        assertArrayEquals(new byte[]{2}, h.fromViewer(new byte[]{1}).toPve(), "PVE gets VNC authentication chosen");
        byte[] challenge = new byte[16];
        for (int i = 0; i < 16; i++) {
            challenge[i] = (byte) (i * 7);
        }
        assertEquals(0, h.fromPve(java.util.Arrays.copyOf(challenge, 10)).toPve().length);
        RfbTicketHandshake.Out out = h.fromPve(concat(java.util.Arrays.copyOfRange(challenge, 10, 16),
                new byte[]{0, 0, 0, 0}));
        assertArrayEquals(RfbTicketHandshake.response(challenge, "PVEVNC:ticket"), out.toPve());
        assertArrayEquals(new byte[]{0, 0, 0, 0}, out.toViewer(), "what follows the challenge passes through");
        assertTrue(h.done());
        assertArrayEquals(new byte[]{9, 9}, h.fromViewer(new byte[]{9, 9}).toPve());
    }

    @Test
    void onlyTheFirstEightCharactersOfTheTicketKeyTheResponse() {
        byte[] zero = new byte[16];
        byte[] a = RfbTicketHandshake.response(zero, "password");
        byte[] b = RfbTicketHandshake.response(zero, "passwordANDMORE");
        assertArrayEquals(a, b, "only the first 8 characters count");
        assertFalse(java.util.Arrays.equals(a, RfbTicketHandshake.response(zero, "passw0rd")));
    }

    @Test
    void pvesRefusalReachesTheViewerAndOldOrWrongClientsAreRefused() {
        RfbTicketHandshake h = new RfbTicketHandshake("t");
        h.fromPve(V38);
        h.fromViewer(V38);
        byte[] refusal = {0, 0, 0, 0, 2, 'n', 'o'};
        assertArrayEquals(refusal, h.fromPve(refusal).toViewer());
        assertTrue(h.done());

        RfbTicketHandshake old = new RfbTicketHandshake("t");
        old.fromPve(V38);
        assertThrows(IllegalStateException.class,
                () -> old.fromViewer("RFB 003.003\n".getBytes(StandardCharsets.US_ASCII)));

        RfbTicketHandshake wrong = new RfbTicketHandshake("t");
        wrong.fromPve(V38);
        wrong.fromViewer(V38);
        wrong.fromPve(new byte[]{1, 2});
        assertThrows(IllegalStateException.class, () -> wrong.fromViewer(new byte[]{2}), "type 2 was not offered");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
