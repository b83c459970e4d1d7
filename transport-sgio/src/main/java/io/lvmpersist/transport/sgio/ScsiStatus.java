package io.lvmpersist.transport.sgio;

/** SAM status codes and the Linux host/driver codes of {@code sg_io_hdr} that the outcome mapper uses. */
final class ScsiStatus {
    static final int GOOD = 0x00;
    static final int CHECK_CONDITION = 0x02;
    static final int CONDITION_MET = 0x04;
    static final int BUSY = 0x08;
    static final int RESERVATION_CONFLICT = 0x18;
    static final int TASK_SET_FULL = 0x28;

    static final int DID_OK = 0x00;
    static final int DID_NO_CONNECT = 0x01;
    static final int DID_BUS_BUSY = 0x02;
    static final int DID_TIME_OUT = 0x03;
    static final int DID_BAD_TARGET = 0x04;
    static final int DID_ABORT = 0x05;
    static final int DID_ERROR = 0x07;
    static final int DID_RESET = 0x08;
    static final int DID_SOFT_ERROR = 0x0B;
    static final int DID_IMM_RETRY = 0x0C;
    static final int DID_REQUEUE = 0x0D;
    static final int DID_TRANSPORT_DISRUPTED = 0x0E;
    static final int DID_TRANSPORT_FAILFAST = 0x0F;

    static final int DRIVER_MASK = 0x0F;
    static final int DRIVER_TIMEOUT = 0x06;
    static final int DRIVER_SENSE = 0x08;

    private ScsiStatus() {
    }

    static String hostName(int host) {
        return switch (host) {
            case DID_NO_CONNECT -> "DID_NO_CONNECT";
            case DID_BUS_BUSY -> "DID_BUS_BUSY";
            case DID_TIME_OUT -> "DID_TIME_OUT";
            case DID_BAD_TARGET -> "DID_BAD_TARGET";
            case DID_ABORT -> "DID_ABORT";
            case DID_ERROR -> "DID_ERROR";
            case DID_RESET -> "DID_RESET";
            case DID_SOFT_ERROR -> "DID_SOFT_ERROR";
            case DID_IMM_RETRY -> "DID_IMM_RETRY";
            case DID_REQUEUE -> "DID_REQUEUE";
            case DID_TRANSPORT_DISRUPTED -> "DID_TRANSPORT_DISRUPTED";
            case DID_TRANSPORT_FAILFAST -> "DID_TRANSPORT_FAILFAST";
            default -> String.format("host status 0x%02x", host);
        };
    }

    static String statusName(int status) {
        return switch (status) {
            case GOOD -> "GOOD";
            case CHECK_CONDITION -> "CHECK CONDITION";
            case CONDITION_MET -> "CONDITION MET";
            case BUSY -> "BUSY";
            case RESERVATION_CONFLICT -> "RESERVATION CONFLICT";
            case TASK_SET_FULL -> "TASK SET FULL";
            default -> String.format("status 0x%02x", status);
        };
    }
}
