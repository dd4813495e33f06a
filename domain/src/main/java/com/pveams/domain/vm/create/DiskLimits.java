package com.pveams.domain.vm.create;

import com.pveams.domain.error.DomainException;

/** The system disk's throttles in PVE's units (MB/s, IOPS); 0 = not set, as the {@code vm.disk_*} columns. */
public record DiskLimits(int mbpsRd, int mbpsRdMax, int mbpsWr, int mbpsWrMax, int iopsRd, int iopsRdMax,
                         int iopsWr, int iopsWrMax) {
    public static final DiskLimits NONE = new DiskLimits(0, 0, 0, 0, 0, 0, 0, 0);

    public DiskLimits {
        check("mbpsRd", mbpsRd);
        check("mbpsRdMax", mbpsRdMax);
        check("mbpsWr", mbpsWr);
        check("mbpsWrMax", mbpsWrMax);
        check("iopsRd", iopsRd);
        check("iopsRdMax", iopsRdMax);
        check("iopsWr", iopsWr);
        check("iopsWrMax", iopsWrMax);
    }

    /** The request's values; null = not set. */
    public static DiskLimits of(Integer mbpsRd, Integer mbpsRdMax, Integer mbpsWr, Integer mbpsWrMax, Integer iopsRd,
                                Integer iopsRdMax, Integer iopsWr, Integer iopsWrMax) {
        return new DiskLimits(z(mbpsRd), z(mbpsRdMax), z(mbpsWr), z(mbpsWrMax), z(iopsRd), z(iopsRdMax), z(iopsWr),
                z(iopsWrMax));
    }

    private static int z(Integer v) {
        return v == null ? 0 : v;
    }

    private static void check(String field, int v) {
        if (v < 0) {
            throw DomainException.invalid(field, "不能为负数", "must not be negative");
        }
    }
}
