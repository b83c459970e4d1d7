package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.Failure.NotSupported;
import io.lvmpersist.transport.Failure.RetryReason;
import io.lvmpersist.transport.Failure.Retryable;
import io.lvmpersist.transport.Failure.Unsupported;
import io.lvmpersist.transport.linux.Errno;

import java.time.Duration;
import java.util.Optional;

/**
 * The meaning of a {@link ScsiResponse}: success, or one typed {@link Failure}.
 *
 * <p>Fields are examined in the order sg3_utils and multipath-tools use, because a later field is
 * only meaningful when the earlier ones are clean: errno, host status, driver status, CHECK CONDITION
 * with its sense, RESERVATION CONFLICT, any other status, GOOD.
 */
public sealed interface ScsiOutcome {

    /** Completed: GOOD, or CHECK CONDITION with RECOVERED ERROR / NO SENSE (sg3_utils accepts these too). */
    record Good(ScsiResponse response) implements ScsiOutcome {
    }

    /**
     * The command failed.
     *
     * @param failure     the typed failure
     * @param notExecuted true when the device says the command was not executed and the same
     *                    command may be sent again unchanged (UNIT ATTENTION, NOT READY, BUSY, TASK SET FULL)
     */
    record Failed(Failure failure, boolean notExecuted) implements ScsiOutcome {
    }

    /**
     * @param device    the device name, for messages
     * @param command   the command name, for messages
     * @param timeout   the timeout the command ran with (reported in {@link Failure.Timeout})
     * @param typeInCdb the CDB carried a reservation TYPE, so INVALID FIELD IN CDB means "type not supported"
     */
    static ScsiOutcome of(ScsiResponse r, String device, String command, Duration timeout, boolean typeInCdb) {
        String raw = r.raw();
        String prefix = device + ": " + command + " failed: ";
        if (r.isOsError()) {
            return osError(r, device, command, timeout, raw);
        }
        if (r.hostStatus() != ScsiStatus.DID_OK) {
            return switch (r.hostStatus()) {
                case ScsiStatus.DID_TIME_OUT -> failed(new Failure.Timeout(timeout, raw), false);
                // Transient conditions of the path, sent once (the command may have reached the
                // device); the user may run the lvmpersist command again.
                case ScsiStatus.DID_BUS_BUSY, ScsiStatus.DID_SOFT_ERROR, ScsiStatus.DID_IMM_RETRY,
                     ScsiStatus.DID_REQUEUE -> failed(new Retryable(RetryReason.BUSY, raw), false);
                default -> failed(new Failure.DeviceError(prefix + "transport error "
                        + ScsiStatus.hostName(r.hostStatus()) + " (" + raw + ")", raw), false);
            };
        }
        int driver = r.driverStatus() & ScsiStatus.DRIVER_MASK;
        if (driver == ScsiStatus.DRIVER_TIMEOUT) {
            return failed(new Failure.Timeout(timeout, raw), false);
        }
        if (driver != 0 && driver != ScsiStatus.DRIVER_SENSE) {
            return failed(new Failure.DeviceError(prefix + "driver error (" + raw + ")", raw), false);
        }
        int status = r.status() & 0x7E; // drop the reserved/vendor bits, as lvm2 and multipath-tools do
        if (status == ScsiStatus.CHECK_CONDITION) {
            return checkCondition(r, prefix, raw, typeInCdb);
        }
        return switch (status) {
            case ScsiStatus.RESERVATION_CONFLICT -> failed(new Failure.ReservationConflict(raw), false);
            case ScsiStatus.BUSY, ScsiStatus.TASK_SET_FULL -> failed(new Retryable(RetryReason.BUSY, raw), true);
            case ScsiStatus.GOOD, ScsiStatus.CONDITION_MET -> new Good(r);
            default -> failed(new Failure.DeviceError(prefix + ScsiStatus.statusName(r.status()) + " (" + raw + ")",
                    raw), false);
        };
    }

    private static ScsiOutcome osError(ScsiResponse r, String device, String command, Duration timeout, String raw) {
        if (r.errno() == Errno.ETIMEDOUT) {
            return failed(new Failure.Timeout(timeout, raw), false);
        }
        String hint = switch (r.errno()) {
            case Errno.ENOTTY, Errno.EINVAL, Errno.EOPNOTSUPP -> ": the device does not accept SCSI commands (SG_IO)";
            case Errno.EPERM, Errno.EACCES -> ": SCSI persistent reservation commands need root (CAP_SYS_RAWIO)";
            case Errno.ENODEV, Errno.ENXIO -> ": the device is gone";
            default -> "";
        };
        return failed(new Failure.DeviceError(device + ": " + command + " failed: SG_IO: " + r.errnoText()
                + " (" + Errno.name(r.errno()) + ")" + hint, raw), false);
    }

    private static ScsiOutcome checkCondition(ScsiResponse r, String prefix, String raw, boolean typeInCdb) {
        byte[] senseBytes = r.sense();
        Optional<Sense> decoded = Sense.decode(senseBytes, senseBytes.length);
        if (decoded.isEmpty()) {
            return failed(new Failure.DeviceError(prefix + "CHECK CONDITION without sense data (" + raw + ")", raw),
                    false);
        }
        Sense s = decoded.get();
        return switch (s.senseKey()) {
            case Sense.NO_SENSE, Sense.RECOVERED_ERROR -> new Good(r);
            case Sense.UNIT_ATTENTION -> failed(new Retryable(RetryReason.UNIT_ATTENTION, raw), true);
            // 08/00 LOGICAL UNIT COMMUNICATION FAILURE does not go away by waiting (LIO answers a RESERVE,
            // RELEASE, CLEAR or PREEMPT from an unregistered I_T nexus with it): not retried.
            case Sense.NOT_READY -> s.is(Sense.NOT_READY, 0x08, 0x00)
                    ? failed(new Failure.DeviceError(prefix + "logical unit communication failure (" + raw + ")", raw),
                    false)
                    : failed(new Retryable(RetryReason.NOT_READY, raw), true);
            // The command may have been partly processed, so it is sent once, as sg_persist does.
            case Sense.ABORTED_COMMAND -> failed(new Retryable(RetryReason.BUSY, raw), false);
            case Sense.ILLEGAL_REQUEST -> illegalRequest(s, prefix, raw, typeInCdb);
            default -> failed(new Failure.DeviceError(prefix + s + " (" + raw + ")", raw), false);
        };
    }

    private static ScsiOutcome illegalRequest(Sense s, String prefix, String raw, boolean typeInCdb) {
        if (s.is(Sense.ILLEGAL_REQUEST, 0x20, 0x00)) {
            return failed(new NotSupported(Unsupported.DEVICE, "invalid command operation code", raw), false);
        }
        if (s.is(Sense.ILLEGAL_REQUEST, 0x24, 0x00)) {
            return typeInCdb
                    ? failed(new NotSupported(Unsupported.TYPE, "invalid field in CDB", raw), false)
                    : failed(new NotSupported(Unsupported.FIELD, "invalid field in CDB", raw), false);
        }
        if (s.is(Sense.ILLEGAL_REQUEST, 0x26, 0x00)) {
            return failed(new NotSupported(Unsupported.FIELD, "invalid field in parameter list", raw), false);
        }
        String what = s.is(Sense.ILLEGAL_REQUEST, 0x26, 0x04) ? "invalid release of persistent reservation"
                : s.is(Sense.ILLEGAL_REQUEST, 0x1A, 0x00) ? "parameter list length error"
                : s.is(Sense.ILLEGAL_REQUEST, 0x55, 0x04) ? "insufficient registration resources"
                : s.toString();
        return failed(new Failure.DeviceError(prefix + what + " (" + raw + ")", raw), false);
    }

    private static ScsiOutcome failed(Failure failure, boolean notExecuted) {
        return new Failed(failure, notExecuted);
    }
}
