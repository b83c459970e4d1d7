package io.lvmpersist.transport;

import java.time.Duration;

/**
 * Why a PR command did not succeed. Every transport maps its raw status (SCSI status and sense,
 * NVMe status field, errno) to exactly one of these, so callers switch on types and never parse text.
 * {@link #message()} is a one-line human description; {@link #raw()} keeps the protocol detail.
 */
public sealed interface Failure {

    /** One line for humans, e.g. "reservation conflict". */
    String message();

    /** The protocol-level detail (status byte, sense key/ASC/ASCQ, NVMe status, errno); may be empty. */
    String raw();

    /** SCSI status RESERVATION CONFLICT (0x18) or NVMe status Reservation Conflict (0x83). */
    record ReservationConflict(String raw) implements Failure {
        @Override
        public String message() {
            return "reservation conflict";
        }
    }

    /** What a {@link NotSupported} failure refers to. */
    enum Unsupported {
        /** The device does not do persistent reservations at all. */
        DEVICE,
        /** The device does PRs, but not this reservation type. */
        TYPE,
        /** The device rejects a field or option of the command (e.g. APTPL, IEKEY). */
        FIELD
    }

    /** The device or its driver does not support the command, the type or a field. */
    record NotSupported(Unsupported what, String detail, String raw) implements Failure {
        @Override
        public String message() {
            return switch (what) {
                case DEVICE -> "persistent reservations not supported" + suffix(detail);
                case TYPE -> "reservation type not supported" + suffix(detail);
                case FIELD -> "command field not supported" + suffix(detail);
            };
        }
    }

    /** Why a {@link Retryable} failure happened. */
    enum RetryReason {
        /** SCSI UNIT ATTENTION: the command was not executed (e.g. another host changed the PRs). */
        UNIT_ATTENTION,
        /** SCSI NOT READY or NVMe Namespace Not Ready. */
        NOT_READY,
        /** BUSY, TASK SET FULL, ABORTED COMMAND, NVMe Command Interrupted, or a busy path. */
        BUSY
    }

    /**
     * A condition that may go away when the same command is sent again later. The transport has already
     * resent it as far as its protocol allows (bounded); callers report it and do not resend.
     */
    record Retryable(RetryReason reason, String raw) implements Failure {
        @Override
        public String message() {
            return switch (reason) {
                case UNIT_ATTENTION -> "unit attention";
                case NOT_READY -> "device not ready";
                case BUSY -> "device busy";
            };
        }
    }

    /** The device, the path to it, or the OS failed the command (errno, host status, medium error...). */
    record DeviceError(String detail, String raw) implements Failure {
        @Override
        public String message() {
            return detail;
        }
    }

    /** No answer within the timeout. */
    record Timeout(Duration after, String raw) implements Failure {
        @Override
        public String message() {
            return "timed out after " + after.toMillis() + " ms";
        }
    }

    private static String suffix(String detail) {
        return detail == null || detail.isEmpty() ? "" : " (" + detail + ")";
    }
}
