package com.pveams.application.port.out.node;

/** The one thing nodes need to know about regions: whether one exists (regions are managed on their own). */
public interface NodeRegions {
    boolean exists(long regionId);
}
