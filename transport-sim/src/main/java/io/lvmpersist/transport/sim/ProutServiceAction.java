package io.lvmpersist.transport.sim;

/** PERSISTENT RESERVE OUT service actions the simulated LU implements (SPC-4 codes). */
public enum ProutServiceAction {
    REGISTER(0x00),
    RESERVE(0x01),
    RELEASE(0x02),
    CLEAR(0x03),
    PREEMPT(0x04),
    PREEMPT_AND_ABORT(0x05),
    REGISTER_AND_IGNORE_EXISTING_KEY(0x06);

    private final int code;

    ProutServiceAction(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
