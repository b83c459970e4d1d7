package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.Done;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrResult;

import java.util.Optional;

/**
 * Maps simulated wire statuses to typed {@link Failure}s the way the real transports map real ones.
 *
 * <p>SCSI ILLEGAL REQUEST 26/04 (RELEASE with the wrong type) becomes a {@link Failure.DeviceError}: the device
 * supports the type, the request itself was wrong, so "not supported" would mislead.
 */
final class StatusMapping {
    private StatusMapping() {
    }

    /** @param typed the command carried a reservation TYPE, so INVALID FIELD IN CDB means the type */
    static Optional<Failure> scsi(ScsiStatus s, boolean typed) {
        String raw = s.toString();
        return switch (s.status()) {
            case ScsiStatus.GOOD_STATUS -> Optional.empty();
            case ScsiStatus.RESERVATION_CONFLICT_STATUS -> Optional.of(new Failure.ReservationConflict(raw));
            case ScsiStatus.CHECK_CONDITION -> Optional.of(checkCondition(s, typed, raw));
            default -> Optional.of(new Failure.DeviceError("SCSI " + raw, raw));
        };
    }

    private static Failure checkCondition(ScsiStatus s, boolean typed, String raw) {
        int ascAscq = s.asc() << 8 | s.ascq();
        return switch (s.senseKey()) {
            case ScsiStatus.UNIT_ATTENTION -> new Failure.Retryable(Failure.RetryReason.UNIT_ATTENTION, raw);
            case ScsiStatus.NOT_READY -> new Failure.Retryable(Failure.RetryReason.NOT_READY, raw);
            case ScsiStatus.ILLEGAL_REQUEST -> switch (ascAscq) {
                case 0x2000 -> new Failure.NotSupported(Failure.Unsupported.DEVICE,
                        "PERSISTENT RESERVE is an invalid opcode", raw);
                case 0x2400 -> typed
                        ? new Failure.NotSupported(Failure.Unsupported.TYPE, "TYPE rejected", raw)
                        : new Failure.NotSupported(Failure.Unsupported.FIELD, "invalid field in CDB", raw);
                case 0x2600 -> new Failure.NotSupported(Failure.Unsupported.FIELD,
                        "invalid field in parameter list", raw);
                case 0x2604 -> new Failure.DeviceError(
                        "invalid release of persistent reservation (type differs from the reservation)", raw);
                default -> new Failure.DeviceError("illegal request", raw);
            };
            default -> new Failure.DeviceError("SCSI " + raw, raw);
        };
    }

    static PrResult<Done> scsiDone(ScsiStatus s, boolean typed) {
        return scsi(s, typed).<PrResult<Done>>map(PrResult::failed).orElseGet(PrResult::done);
    }

    static <T> PrResult<T> scsiReply(ScsiReply<T> reply) {
        return scsi(reply.status(), false).<PrResult<T>>map(PrResult::failed)
                .orElseGet(() -> PrResult.ok(reply.data()));
    }

    /** @param rtype the RTYPE the command carried (0 = none): INVALID FIELD then means the type */
    static Optional<Failure> nvme(NvmeStatus s, int rtype) {
        String raw = s.toString();
        if (s.isSuccess()) {
            return Optional.empty();
        }
        return Optional.of(switch (s.code()) {
            case 0x83 -> new Failure.ReservationConflict(raw);
            case 0x01 -> new Failure.NotSupported(Failure.Unsupported.DEVICE, "reservations are an invalid opcode",
                    raw);
            case 0x02 -> rtype != 0
                    ? new Failure.NotSupported(Failure.Unsupported.TYPE, "RTYPE " + rtype + " rejected", raw)
                    : new Failure.NotSupported(Failure.Unsupported.FIELD, "invalid field", raw);
            // With DNR the namespace will not become ready by waiting: not retryable (as the NVMe transport maps it).
            case 0x82 -> (s.value() & NvmeStatus.DNR) == 0 ? new Failure.Retryable(Failure.RetryReason.NOT_READY, raw)
                    : new Failure.DeviceError("NVMe command failed: " + raw, raw);
            default -> new Failure.DeviceError("NVMe command failed: " + raw, raw);
        });
    }

    static PrResult<Done> nvmeDone(NvmeStatus s, int rtype) {
        return nvme(s, rtype).<PrResult<Done>>map(PrResult::failed).orElseGet(PrResult::done);
    }

    /** The status an injected failure of {@code kind} returns on a SCSI LU (TIMEOUT has none). */
    static ScsiStatus scsiInjected(FailureKind kind) {
        return switch (kind) {
            case CONFLICT -> ScsiStatus.RESERVATION_CONFLICT;
            case DEVICE_ERROR -> ScsiStatus.INTERNAL_TARGET_FAILURE;
            case NOT_READY -> ScsiStatus.NOT_READY_IN_PROGRESS;
            case TIMEOUT -> throw new IllegalArgumentException("a timeout has no status");
        };
    }

    /** The status an injected failure of {@code kind} returns on an NVMe namespace (TIMEOUT has none). */
    static NvmeStatus nvmeInjected(FailureKind kind) {
        return switch (kind) {
            case CONFLICT -> NvmeStatus.RESERVATION_CONFLICT;
            case DEVICE_ERROR -> NvmeStatus.INTERNAL_ERROR;
            case NOT_READY -> NvmeStatus.NAMESPACE_NOT_READY;
            case TIMEOUT -> throw new IllegalArgumentException("a timeout has no status");
        };
    }
}
