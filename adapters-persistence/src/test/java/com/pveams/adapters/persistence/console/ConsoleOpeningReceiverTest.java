package com.pveams.adapters.persistence.console;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleOpeningReceiverTest {

    @Test
    void readsTheVmAndSessionAndIgnoresUnreadablePayloads() {
        List<String> heard = new ArrayList<>();
        ConsoleOpeningReceiver receiver = new ConsoleOpeningReceiver((vm, session) -> heard.add(vm + "/" + session));
        receiver.notified(ConsoleOpeningReceiver.payload(42, 7001));
        receiver.notified("");
        receiver.notified(null);
        receiver.notified("42");
        receiver.notified("x:1");
        receiver.notified("1:");
        receiver.resync();
        assertEquals(List.of("42/7001"), heard);
    }
}
