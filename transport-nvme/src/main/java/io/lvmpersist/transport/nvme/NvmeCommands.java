package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encoders for the NVMe reservation commands (NVM command set) and the two Identify commands we need.
 * Pure functions: field values in, {@link NvmeCommand} out. Keys in data buffers are little-endian.
 */
public final class NvmeCommands {
    public static final int OPC_RESV_REGISTER = 0x0D;
    public static final int OPC_RESV_REPORT = 0x0E;
    public static final int OPC_RESV_ACQUIRE = 0x11;
    public static final int OPC_RESV_RELEASE = 0x15;
    /** Admin command set. */
    public static final int OPC_IDENTIFY = 0x06;

    /** Identify data structures are always 4 KiB. */
    public static final int IDENTIFY_LENGTH = 4096;
    static final int CNS_NAMESPACE = 0x00;
    static final int CNS_CONTROLLER = 0x01;

    private static final int IEKEY = 1 << 3;

    private NvmeCommands() {
    }

    /** RREGA, CDW10 bits 2:0 of Reservation Register. */
    public enum RegisterAction {
        REGISTER(0), UNREGISTER(1), REPLACE(2);

        final int code;

        RegisterAction(int code) {
            this.code = code;
        }
    }

    /** CPTPL, CDW10 bits 31:30 of Reservation Register (value 1 is reserved and never sent). */
    public enum Cptpl {
        NO_CHANGE(0), CLEAR(2), SET(3);

        final int code;

        Cptpl(int code) {
            this.code = code;
        }
    }

    /** RACQA, CDW10 bits 2:0 of Reservation Acquire. */
    public enum AcquireAction {
        ACQUIRE(0), PREEMPT(1), PREEMPT_AND_ABORT(2);

        final int code;

        AcquireAction(int code) {
            this.code = code;
        }
    }

    /** RRELA, CDW10 bits 2:0 of Reservation Release. */
    public enum ReleaseAction {
        RELEASE(0), CLEAR(1);

        final int code;

        ReleaseAction(int code) {
            this.code = code;
        }
    }

    /** Reservation Register: data = CRKEY le64 @0, NRKEY le64 @8. */
    public static NvmeCommand register(int nsid, RegisterAction action, boolean ignoreExistingKey, Cptpl cptpl,
                                       ReservationKey currentKey, ReservationKey newKey) {
        int cdw10 = action.code | (ignoreExistingKey ? IEKEY : 0) | (cptpl.code << 30);
        return new NvmeCommand("Reservation Register", OPC_RESV_REGISTER, nsid, cdw10, 0, 0, 0, 0, 0,
                twoKeys(currentKey, newKey), 0);
    }

    /** Reservation Acquire: data = CRKEY le64 @0, PRKEY le64 @8; RTYPE in CDW10 bits 15:8. IEKEY is never set
     *  (obsolete since NVMe 1.3, rejected by nvmet). */
    public static NvmeCommand acquire(int nsid, AcquireAction action, ReservationType type,
                                      ReservationKey currentKey, ReservationKey preemptKey) {
        int cdw10 = action.code | (type.nvmeCode() << 8);
        return new NvmeCommand("Reservation Acquire", OPC_RESV_ACQUIRE, nsid, cdw10, 0, 0, 0, 0, 0,
                twoKeys(currentKey, preemptKey), 0);
    }

    /**
     * Reservation Release: data = CRKEY le64 @0 (the spec's 8-byte structure). {@code type} may be null for
     * {@link ReleaseAction#CLEAR}, where RTYPE is ignored and sent as 0.
     */
    public static NvmeCommand release(int nsid, ReleaseAction action, ReservationType type,
                                      ReservationKey currentKey) {
        int rtype = type == null ? 0 : type.nvmeCode();
        int cdw10 = action.code | (rtype << 8);
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(currentKey.value()).array();
        return new NvmeCommand("Reservation Release", OPC_RESV_RELEASE, nsid, cdw10, 0, 0, 0, 0, 0, data, 0);
    }

    /**
     * Reservation Report into a buffer of {@code bytes} (a positive multiple of 4): NUMD = bytes/4 - 1
     * (0's based) in CDW10, EDS in CDW11 bit 0.
     */
    public static NvmeCommand report(int nsid, int bytes, boolean extended) {
        if (bytes < 4 || bytes % 4 != 0) {
            throw new IllegalArgumentException("report buffer must be a positive multiple of 4 bytes: " + bytes);
        }
        return new NvmeCommand("Reservation Report", OPC_RESV_REPORT, nsid, bytes / 4 - 1, extended ? 1 : 0,
                0, 0, 0, 0, null, bytes);
    }

    /** Identify Controller (admin, CNS 01h, nsid 0). */
    public static NvmeCommand identifyController() {
        return new NvmeCommand("Identify Controller", OPC_IDENTIFY, 0, CNS_CONTROLLER, 0, 0, 0, 0, 0, null,
                IDENTIFY_LENGTH);
    }

    /** Identify Namespace (admin, CNS 00h). */
    public static NvmeCommand identifyNamespace(int nsid) {
        return new NvmeCommand("Identify Namespace", OPC_IDENTIFY, nsid, CNS_NAMESPACE, 0, 0, 0, 0, 0, null,
                IDENTIFY_LENGTH);
    }

    private static byte[] twoKeys(ReservationKey first, ReservationKey second) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(first.value()).putLong(second.value()).array();
    }
}
