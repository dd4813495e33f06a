package com.pveams.domain.node;

/** The legacy {@code controllerStatus}: whether the node's SSH login worked at the latest check. */
public enum ShellState {
    REACHABLE(0),
    UNREACHABLE(1);

    private final int code;

    ShellState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ShellState ofCode(int code) {
        return code == 0 ? REACHABLE : UNREACHABLE;
    }
}
