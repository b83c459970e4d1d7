package io.lvmpersist.transport.sim;

/** The PR-related SCSI unit attention conditions (sense key 6, ASC 0x2A) a LU queues for other hosts. */
public enum UnitAttention {
    RESERVATIONS_PREEMPTED(0x03),
    RESERVATIONS_RELEASED(0x04),
    REGISTRATIONS_PREEMPTED(0x05);

    /** Additional sense code shared by all three. */
    public static final int ASC = 0x2A;

    private final int ascq;

    UnitAttention(int ascq) {
        this.ascq = ascq;
    }

    public int ascq() {
        return ascq;
    }
}
