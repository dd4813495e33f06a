package com.pveams.adapters.persistence.console;

import com.pveams.application.port.out.console.ConsoleOpenings.Listener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleOpeningReceiverTest {

    @Test
    void readsTheVmAndSessionAndIgnoresUnreadablePayloads() {
        List<String> heard = new ArrayList<>();
        ConsoleOpeningReceiver receiver = new ConsoleOpeningReceiver(new Listener() {
            @Override
            public void opened(long vmId, long sessionId) {
                heard.add(vmId + "/" + sessionId);
            }

            @Override
            public void mayHaveMissedSome() {
                heard.add("missed some");
            }
        });
        receiver.notified(ConsoleOpeningReceiver.payload(42, 7001));
        receiver.notified("");
        receiver.notified(null);
        receiver.notified("42");
        receiver.notified("x:1");
        receiver.notified("1:");
        receiver.resync();
        assertEquals(List.of("42/7001", "missed some"), heard);
    }
}
