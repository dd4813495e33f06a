package com.pveams.application.port.out.console;

import com.pveams.domain.console.VncController;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

/** The active console front-ends ({@code vnc_controller} with status 0), a page at a time, by id. */
public interface ConsoleFrontEnds {
    Page<VncController> active(PageRequest request);
}
