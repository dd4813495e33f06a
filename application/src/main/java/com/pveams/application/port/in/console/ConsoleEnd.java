package com.pveams.application.port.in.console;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * One side of an open console (the viewer's WebSocket, or PVE's {@code vncwebsocket}): binary frames in, a close.
 * {@link #send} completes when this side can take more, so the other side stops reading until then
 * (back-pressure); a sender never has more than one frame outstanding.
 */
public interface ConsoleEnd {

    CompletionStage<Void> send(ByteBuffer data);

    /** Closes this side; idempotent. */
    void close(String reason);
}
