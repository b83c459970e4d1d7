package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.linux.Errno;

import java.time.Duration;
import java.util.Optional;

/**
 * Maps an {@link NvmeResponse} to a protocol-neutral {@link Failure} (or none on success).
 *
 * <p>The passthrough ioctl returns the completion status shifted right by one: SC in bits 7:0, SCT in
 * 10:8, CRD 12:11, MORE 13, DNR 14. We compare SCT+SC only ({@link #MASK}); the flags are kept in
 * {@link Failure#raw()} for the record, except Do Not Retry (DNR): only a transient status without DNR is a
 * {@link Failure.Retryable}, which {@link CommandRunner} sends again (bounded). With DNR set the controller
 * says the same command will fail again, so it is never resent.
 */
public final class NvmeStatus {
    public static final int MASK = 0x7FF;
    public static final int DNR = 0x4000;
    public static final int MORE = 0x2000;

    public static final int SUCCESS = 0x00;
    public static final int INVALID_OPCODE = 0x01;
    public static final int INVALID_FIELD = 0x02;
    public static final int HOST_ID_INCONSISTENT = 0x18;
    public static final int COMMAND_INTERRUPTED = 0x21;
    public static final int NAMESPACE_NOT_READY = 0x82;
    public static final int RESERVATION_CONFLICT = 0x83;
    public static final int ANA_TRANSITION = 0x303;

    private NvmeStatus() {
    }

    /** The spec name of a status (SCT+SC), or "unknown status" for values we do not name. */
    public static String name(int status) {
        return switch (status & MASK) {
            case 0x000 -> "Successful Completion";
            case 0x001 -> "Invalid Command Opcode";
            case 0x002 -> "Invalid Field in Command";
            case 0x004 -> "Data Transfer Error";
            case 0x005 -> "Commands Aborted due to Power Loss Notification";
            case 0x006 -> "Internal Error";
            case 0x007 -> "Command Abort Requested";
            case 0x008 -> "Command Aborted due to SQ Deletion";
            case 0x00B -> "Invalid Namespace or Format";
            case 0x00C -> "Command Sequence Error";
            case 0x018 -> "Host Identifier Inconsistent Format";
            case 0x01B -> "Command Aborted due to Preempt and Abort";
            case 0x021 -> "Command Interrupted";
            case 0x080 -> "LBA Out of Range";
            case 0x081 -> "Capacity Exceeded";
            case 0x082 -> "Namespace Not Ready";
            case 0x083 -> "Reservation Conflict";
            case 0x300 -> "Internal Path Error";
            case 0x301 -> "Asymmetric Access Persistent Loss";
            case 0x302 -> "Asymmetric Access Inaccessible";
            case 0x303 -> "Asymmetric Access Transition";
            case 0x360 -> "Controller Pathing Error";
            case 0x370 -> "Host Pathing Error";
            case 0x371 -> "Command Aborted By Host";
            default -> "unknown status";
        };
    }

    /** e.g. {@code NVMe status 0x4083 (Reservation Conflict, DNR)}. */
    public static String describe(int status) {
        StringBuilder s = new StringBuilder(String.format("NVMe status 0x%x (%s", status, name(status)));
        if ((status & DNR) != 0) {
            s.append(", DNR");
        }
        if ((status & MORE) != 0) {
            s.append(", MORE");
        }
        return s.append(')').toString();
    }

    /**
     * The failure a response means for {@code command}, or empty on success.
     *
     * @param timeout the command timeout, reported when the OS says the command timed out
     */
    public static Optional<Failure> failure(NvmeCommand command, NvmeResponse response, Duration timeout) {
        if (response.isOsError()) {
            String errnoName = Errno.name(response.errno());
            if (response.errno() == Errno.ETIMEDOUT) {
                return Optional.of(new Failure.Timeout(timeout, errnoName));
            }
            String detail = response.error().isEmpty()
                    ? command.name() + " failed: " + errnoName : response.error();
            return Optional.of(new Failure.DeviceError(detail, errnoName));
        }
        int status = response.status();
        String raw = describe(status);
        return switch (status & MASK) {
            case SUCCESS -> Optional.empty();
            case RESERVATION_CONFLICT -> Optional.of(new Failure.ReservationConflict(raw));
            case INVALID_OPCODE -> Optional.of(new Failure.NotSupported(Failure.Unsupported.DEVICE,
                    command.name() + " is an invalid opcode for this controller", raw));
            case INVALID_FIELD -> Optional.of(invalidField(command, raw));
            case NAMESPACE_NOT_READY, COMMAND_INTERRUPTED, ANA_TRANSITION -> Optional.of(notNow(command, status, raw));
            default -> Optional.of(new Failure.DeviceError(command.name() + " failed: " + raw, raw));
        };
    }

    /**
     * A status that means "not now": the namespace becoming ready, a command the controller interrupted before
     * acting on it, an ANA transition of the path. Retryable only while DNR is clear; with DNR the controller
     * says waiting will not help (e.g. a namespace that will not become ready without an administrator).
     * Aborts (0x07, 0x08, 0x1B) are not here: the controller may have acted on the command.
     */
    private static Failure notNow(NvmeCommand command, int status, String raw) {
        if ((status & DNR) != 0) {
            return new Failure.DeviceError(command.name() + " failed: " + raw, raw);
        }
        Failure.RetryReason reason = (status & MASK) == COMMAND_INTERRUPTED
                ? Failure.RetryReason.BUSY : Failure.RetryReason.NOT_READY;
        return new Failure.Retryable(reason, raw);
    }

    // Acquire/Release with a type: the device most likely does not do that type (RESCAP).
    private static Failure invalidField(NvmeCommand command, String raw) {
        int rtype = command.rtype();
        if (rtype != 0) {
            String type = ReservationType.fromNvmeCode(rtype).map(Enum::name).orElse("RTYPE " + rtype);
            return new Failure.NotSupported(Failure.Unsupported.TYPE, type + " rejected by " + command.name(), raw);
        }
        return new Failure.NotSupported(Failure.Unsupported.FIELD, command.name() + ": invalid field", raw);
    }
}
