package io.lvmpersist.transport.sgio;

/** PERSISTENT RESERVE IN service actions (SPC-4 table "PERSISTENT RESERVE IN service action codes"). */
public enum PrInServiceAction {
    READ_KEYS(0x00, "READ KEYS"),
    READ_RESERVATION(0x01, "READ RESERVATION"),
    REPORT_CAPABILITIES(0x02, "REPORT CAPABILITIES"),
    READ_FULL_STATUS(0x03, "READ FULL STATUS");

    private final int code;
    private final String label;

    PrInServiceAction(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** The name as SPC-4 spells it, for log lines. */
    public String label() {
        return label;
    }
}
