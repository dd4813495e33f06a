package com.pveams.domain.maintenance;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FetchFailureTest {
    @Test
    void httpErrorsKeepOnlyTheStatusCode() {
        FetchFailure f = FetchFailure.read(22, "curl: (22) The requested URL returned error: 404 <b>Not</b> Found");
        assertEquals(FetchFailure.Reason.HTTP_ERROR, f.reason());
        assertEquals(404, f.httpStatus());
        assertEquals("the source answered HTTP 404", f.message(true));
        assertEquals("来源返回 HTTP 503", FetchFailure.read(0, "the download from x answered HTTP 503").message(false));
    }

    @Test
    void curlExitStatusesSayWhatHappenedWithoutItsOutput() {
        assertEquals(FetchFailure.Reason.CONNECT_FAILED, FetchFailure.read(7, "curl: (7) Failed to connect <secret>").reason());
        assertEquals(FetchFailure.Reason.HOST_NOT_RESOLVED, FetchFailure.read(6, "").reason());
        assertEquals(FetchFailure.Reason.TIMED_OUT, FetchFailure.read(28, null).reason());
        assertEquals(FetchFailure.Reason.TLS_FAILED, FetchFailure.read(60, "").reason());
        assertEquals("a command on the node failed with exit status 99",
                FetchFailure.read(99, "curl: (99) <secret>").message(true));
    }
}
