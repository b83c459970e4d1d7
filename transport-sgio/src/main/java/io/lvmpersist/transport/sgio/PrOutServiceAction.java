package io.lvmpersist.transport.sgio;

/**
 * PERSISTENT RESERVE OUT service actions used by this tool (SPC-4). REGISTER AND MOVE and REPLACE LOST
 * RESERVATION need TransportIDs and are not offered.
 */
public enum PrOutServiceAction {
    REGISTER(0x00, "REGISTER", false),
    RESERVE(0x01, "RESERVE", true),
    RELEASE(0x02, "RELEASE", true),
    CLEAR(0x03, "CLEAR", false),
    PREEMPT(0x04, "PREEMPT", true),
    PREEMPT_AND_ABORT(0x05, "PREEMPT AND ABORT", true),
    REGISTER_AND_IGNORE_EXISTING_KEY(0x06, "REGISTER AND IGNORE EXISTING KEY", false);

    private final int code;
    private final String label;
    private final boolean usesType;

    PrOutServiceAction(int code, String label, boolean usesType) {
        this.code = code;
        this.label = label;
        this.usesType = usesType;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** True when the CDB's TYPE field matters (SPC-4: it is ignored for REGISTER*, CLEAR). */
    public boolean usesType() {
        return usesType;
    }
}
