package io.lvmpersist.transport.sim;

/**
 * The completion of a SCSI command as a real LU returns it: SAM status byte and, for CHECK CONDITION,
 * sense key / ASC / ASCQ.
 */
public record ScsiStatus(int status, int senseKey, int asc, int ascq) {
    public static final int GOOD_STATUS = 0x00;
    public static final int CHECK_CONDITION = 0x02;
    public static final int RESERVATION_CONFLICT_STATUS = 0x18;

    public static final int NOT_READY = 0x2;
    public static final int HARDWARE_ERROR = 0x4;
    public static final int ILLEGAL_REQUEST = 0x5;
    public static final int UNIT_ATTENTION = 0x6;

    public static final ScsiStatus GOOD = new ScsiStatus(GOOD_STATUS, 0, 0, 0);
    public static final ScsiStatus RESERVATION_CONFLICT = new ScsiStatus(RESERVATION_CONFLICT_STATUS, 0, 0, 0);
    /** 5/20/00 INVALID COMMAND OPERATION CODE: the LU does not do PRs. */
    public static final ScsiStatus INVALID_OPCODE = checkCondition(ILLEGAL_REQUEST, 0x20, 0x00);
    /** 5/24/00 INVALID FIELD IN CDB: bad service action or (unsupported) TYPE. */
    public static final ScsiStatus INVALID_FIELD_IN_CDB = checkCondition(ILLEGAL_REQUEST, 0x24, 0x00);
    /** 5/26/00 INVALID FIELD IN PARAMETER LIST: e.g. PREEMPT with SARK 0 and no all-registrants reservation. */
    public static final ScsiStatus INVALID_FIELD_IN_PARAMETER_LIST = checkCondition(ILLEGAL_REQUEST, 0x26, 0x00);
    /** 5/26/04 INVALID RELEASE OF PERSISTENT RESERVATION: RELEASE by the holder with the wrong TYPE. */
    public static final ScsiStatus INVALID_RELEASE = checkCondition(ILLEGAL_REQUEST, 0x26, 0x04);
    /** 2/04/07 LOGICAL UNIT NOT READY, OPERATION IN PROGRESS. */
    public static final ScsiStatus NOT_READY_IN_PROGRESS = checkCondition(NOT_READY, 0x04, 0x07);
    /** 4/44/00 INTERNAL TARGET FAILURE. */
    public static final ScsiStatus INTERNAL_TARGET_FAILURE = checkCondition(HARDWARE_ERROR, 0x44, 0x00);

    public static ScsiStatus checkCondition(int senseKey, int asc, int ascq) {
        return new ScsiStatus(CHECK_CONDITION, senseKey, asc, ascq);
    }

    public static ScsiStatus unitAttention(UnitAttention ua) {
        return checkCondition(UNIT_ATTENTION, UnitAttention.ASC, ua.ascq());
    }

    public boolean isGood() {
        return status == GOOD_STATUS;
    }

    /** e.g. "GOOD", "RESERVATION CONFLICT (0x18)", "CHECK CONDITION sense 5/26/04". */
    @Override
    public String toString() {
        return switch (status) {
            case GOOD_STATUS -> "GOOD";
            case RESERVATION_CONFLICT_STATUS -> "RESERVATION CONFLICT (0x18)";
            case CHECK_CONDITION -> String.format("CHECK CONDITION sense %x/%02x/%02x", senseKey, asc, ascq);
            default -> String.format("status 0x%02x", status);
        };
    }
}
