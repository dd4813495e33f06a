package com.pveams.domain.vm;

/** {@code vm.delete_state}, the legacy vocabulary: 0 normal, 1 in the recycle bin, 2 deleted (row kept). */
public enum DeleteState {
    LIVE(0), RECYCLE_BIN(1), DELETED(2);

    private final int code;

    DeleteState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static DeleteState stored(int code) {
        for (DeleteState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("delete_state " + code);
    }
}
