package io.lvmpersist.transport.sim;

/** What an injected command failure looks like to the caller. */
public enum FailureKind {
    /** SCSI RESERVATION CONFLICT / NVMe Reservation Conflict. */
    CONFLICT,
    /** SCSI HARDWARE ERROR 44/00 / NVMe Internal Error. */
    DEVICE_ERROR,
    /** No answer: the caller sees a timeout (the simulator does not actually wait for it). */
    TIMEOUT,
    /** SCSI NOT READY 04/07 / NVMe Namespace Not Ready: retryable. */
    NOT_READY
}
