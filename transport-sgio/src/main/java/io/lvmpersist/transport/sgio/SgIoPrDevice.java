package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.Backoff;
import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.Done;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * A SCSI logical unit driven with PERSISTENT RESERVE IN/OUT through a {@link ScsiExecutor}.
 *
 * <p>This is the only place a SCSI command is sent again (the CLI never resends). Commands the device
 * did not execute (UNIT ATTENTION, NOT READY other than 08/00, BUSY, TASK SET FULL) are sent again up to
 * {@link Backoff#MAX_RETRIES} times: SG_IO passthrough does not retry them, and a unit attention left by another
 * host's PR change would otherwise fail the next command. LIO also answers the first PR OUT on a new
 * I_T nexus with NOT READY while it sets the nexus up. ABORTED COMMAND and host-side busy statuses are
 * sent once, as sg_persist does: the device may have acted on the command (see docs/transport-sgio.md).
 */
public final class SgIoPrDevice implements PrDevice {
    private static final Logger LOG = LoggerFactory.getLogger(SgIoPrDevice.class);

    /** First READ KEYS allocation: 126 keys, far more than a cluster has; re-read when it is not enough. */
    static final int READ_KEYS_ALLOCATION = 1024;
    static final int READ_RESERVATION_ALLOCATION = ReadReservationData.FULL_LENGTH;
    static final int READ_FULL_STATUS_ALLOCATION = 8192;
    /** Re-reads of a truncated list (the list may grow between two reads). */
    private static final int MAX_READS = 3;

    private final String path;
    private final DeviceClass deviceClass;
    private final ScsiExecutor executor;
    private final Duration timeout;
    private final Backoff backoff;

    public SgIoPrDevice(String path, DeviceClass deviceClass, ScsiExecutor executor, Duration timeout) {
        this(path, deviceClass, executor, timeout, Backoff.linear());
    }

    /** With the pause between resends chosen by the caller (tests pass {@link Backoff#none()}). */
    public SgIoPrDevice(String path, DeviceClass deviceClass, ScsiExecutor executor, Duration timeout,
                        Backoff backoff) {
        this.path = path;
        this.deviceClass = deviceClass;
        this.executor = executor;
        this.timeout = timeout;
        this.backoff = backoff;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public DeviceClass deviceClass() {
        return deviceClass;
    }

    /** Standard INQUIRY: vendor, product, device type (for devtest and messages). */
    public PrResult<Inquiry> inquiry() {
        ScsiRequest request = ScsiRequest.dataIn("INQUIRY", Inquiry.cdb(Inquiry.ALLOCATION_LENGTH),
                Inquiry.ALLOCATION_LENGTH, timeout);
        return decode(send(request, false), r -> Inquiry.decode(r.dataIn(), r.validLength()));
    }

    @Override
    public PrResult<Capabilities> capabilities() {
        return reportCapabilities().map(ReportCapabilitiesData::toCapabilities);
    }

    /** REPORT CAPABILITIES with every field, for callers that need more than {@link Capabilities}. */
    public PrResult<ReportCapabilitiesData> reportCapabilities() {
        return decode(prIn(PrInServiceAction.REPORT_CAPABILITIES, ReportCapabilitiesData.LENGTH),
                r -> ReportCapabilitiesData.decode(r.dataIn(), r.validLength()));
    }

    @Override
    public PrResult<KeyList> readKeys() {
        int allocation = READ_KEYS_ALLOCATION;
        for (int read = 1; read <= MAX_READS; read++) {
            PrResult<ReadKeysData> result = decode(prIn(PrInServiceAction.READ_KEYS, allocation),
                    r -> ReadKeysData.decode(r.dataIn(), r.validLength()));
            if (!(result instanceof PrResult.Ok<ReadKeysData>(ReadKeysData data))) {
                return result.map(ReadKeysData::toKeyList);
            }
            if (!data.truncated()) {
                return PrResult.ok(data.toKeyList());
            }
            Optional<String> stuck = cannotGrow(allocation, data.requiredAllocationLength());
            if (stuck.isPresent()) {
                return malformed("READ KEYS", stuck.get());
            }
            allocation = nextAllocation(data.requiredAllocationLength());
            LOG.debug("{}: READ KEYS truncated ({} of {} key bytes), reading again with allocation length {}",
                    path, data.keys().size() * 8, data.additionalLength(), allocation);
        }
        return malformed("READ KEYS", "the key list kept growing while it was read");
    }

    @Override
    public PrResult<Reservation> readReservation() {
        return decode(prIn(PrInServiceAction.READ_RESERVATION, READ_RESERVATION_ALLOCATION),
                r -> ReadReservationData.decode(r.dataIn(), r.validLength()));
    }

    /** READ FULL STATUS (optional in SPC; many arrays do not support it), re-read when truncated. */
    public PrResult<ReadFullStatusData> readFullStatus() {
        int allocation = READ_FULL_STATUS_ALLOCATION;
        for (int read = 1; read <= MAX_READS; read++) {
            PrResult<ReadFullStatusData> result = decode(prIn(PrInServiceAction.READ_FULL_STATUS, allocation),
                    r -> ReadFullStatusData.decode(r.dataIn(), r.validLength()));
            if (!(result instanceof PrResult.Ok<ReadFullStatusData>(ReadFullStatusData data)) || !data.truncated()) {
                return result;
            }
            Optional<String> stuck = cannotGrow(allocation, data.requiredAllocationLength());
            if (stuck.isPresent()) {
                return malformed("READ FULL STATUS", stuck.get());
            }
            allocation = nextAllocation(data.requiredAllocationLength());
        }
        return malformed("READ FULL STATUS", "the status kept growing while it was read");
    }

    @Override
    public PrResult<Done> register(ReservationKey currentKey, ReservationKey newKey, boolean ignoreExisting,
                                   boolean persistThroughPowerLoss) {
        if (newKey.isNone()) {
            throw new IllegalArgumentException("register needs a non-zero key; use unregister to remove a key");
        }
        // REGISTER AND IGNORE EXISTING KEY ignores RK, so we send 0 there.
        return ignoreExisting
                ? prOut(PrOutServiceAction.REGISTER_AND_IGNORE_EXISTING_KEY, Optional.empty(),
                        new PrOutParameterList(ReservationKey.NONE, newKey, persistThroughPowerLoss, false))
                : prOut(PrOutServiceAction.REGISTER, Optional.empty(),
                        new PrOutParameterList(currentKey, newKey, persistThroughPowerLoss, false));
    }

    @Override
    public PrResult<Done> unregister(ReservationKey currentKey) {
        return prOut(PrOutServiceAction.REGISTER, Optional.empty(),
                new PrOutParameterList(currentKey, ReservationKey.NONE, false, false));
    }

    @Override
    public PrResult<Done> reserve(ReservationKey key, ReservationType type) {
        return prOut(PrOutServiceAction.RESERVE, Optional.of(type), keyOnly(key));
    }

    @Override
    public PrResult<Done> release(ReservationKey key, ReservationType type) {
        return prOut(PrOutServiceAction.RELEASE, Optional.of(type), keyOnly(key));
    }

    @Override
    public PrResult<Done> clear(ReservationKey key) {
        return prOut(PrOutServiceAction.CLEAR, Optional.empty(), keyOnly(key));
    }

    @Override
    public PrResult<Done> preempt(ReservationKey key, ReservationKey victim, ReservationType type, boolean abort) {
        PrOutServiceAction action = abort ? PrOutServiceAction.PREEMPT_AND_ABORT : PrOutServiceAction.PREEMPT;
        return prOut(action, Optional.of(type), new PrOutParameterList(key, victim, false, false));
    }

    @Override
    public void close() {
        executor.close();
    }

    private static PrOutParameterList keyOnly(ReservationKey key) {
        return new PrOutParameterList(key, ReservationKey.NONE, false, false);
    }

    private PrResult<ScsiResponse> prIn(PrInServiceAction action, int allocation) {
        return send(ScsiRequest.dataIn("PR IN " + action.label(), PrInCdb.encode(action, allocation), allocation,
                timeout), false);
    }

    private PrResult<Done> prOut(PrOutServiceAction action, Optional<ReservationType> type,
                                 PrOutParameterList parameters) {
        byte[] cdb = PrOutCdb.encode(action, type, PrOutParameterList.LENGTH);
        return send(ScsiRequest.dataOut("PR OUT " + action.label(), cdb, parameters.encode(), timeout),
                action.usesType()).map(r -> Done.DONE);
    }

    /** Sends {@code request}, repeating it while the device reports it was not executed. */
    private PrResult<ScsiResponse> send(ScsiRequest request, boolean typeInCdb) {
        for (int retry = 0; ; retry++) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{}: {} cdb=[{}]{}", path, request.name(), Bytes.hex(request.cdb()),
                        request.direction() == ScsiRequest.Direction.TO_DEVICE
                                ? " parameters=[" + Bytes.hex(request.dataOut()) + "]" : "");
            }
            ScsiResponse response = executor.execute(request);
            ScsiOutcome outcome = ScsiOutcome.of(response, path, request.name(), timeout, typeInCdb);
            switch (outcome) {
                case ScsiOutcome.Good good -> {
                    LOG.debug("{}: {} -> GOOD ({}, {} bytes in)", path, request.name(), response.raw(),
                            response.validLength());
                    return PrResult.ok(response);
                }
                case ScsiOutcome.Failed failed -> {
                    LOG.debug("{}: {} -> {} ({})", path, request.name(), failed.failure().message(),
                            failed.failure().raw());
                    if (!failed.notExecuted() || retry >= Backoff.MAX_RETRIES) {
                        return PrResult.failed(failed.failure());
                    }
                    try {
                        backoff.pause(retry + 1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return PrResult.failed(failed.failure());
                    }
                    LOG.debug("{}: {} not executed, sending it again (retry {} of {})", path, request.name(),
                            retry + 1, Backoff.MAX_RETRIES);
                }
            }
        }
    }

    /** A decoder that may reject the data. */
    @FunctionalInterface
    private interface Decoder<T> {
        T decode(ScsiResponse response) throws MalformedResponseException;
    }

    private <T> PrResult<T> decode(PrResult<ScsiResponse> result, Decoder<T> decoder) {
        return switch (result) {
            case PrResult.Failed<ScsiResponse> failed -> PrResult.failed(failed.failure());
            case PrResult.Ok<ScsiResponse> ok -> {
                try {
                    yield PrResult.ok(decoder.decode(ok.value()));
                } catch (MalformedResponseException e) {
                    yield malformed("response", e.getMessage());
                }
            }
        };
    }

    private <T> PrResult<T> malformed(String what, String detail) {
        return PrResult.failed(new Failure.DeviceError(path + ": malformed " + what + ": " + detail, "malformed"));
    }

    /** The allocation length that returns a whole answer of {@code required} bytes, within the 16-bit field. */
    private static int nextAllocation(long required) {
        return (int) Math.min(required, PrInCdb.MAX_ALLOCATION_LENGTH);
    }

    /** Why a truncated answer cannot be read whole by asking again, or empty when a larger read will help. */
    private static Optional<String> cannotGrow(int allocation, long required) {
        if (required <= allocation) {
            return Optional.of("the device returned less data than its length field announces (" + required
                    + " bytes, allocation length " + allocation + ")");
        }
        if (allocation >= PrInCdb.MAX_ALLOCATION_LENGTH) {
            return Optional.of("the answer (" + required + " bytes) does not fit in the largest allocation length "
                    + PrInCdb.MAX_ALLOCATION_LENGTH);
        }
        return Optional.empty();
    }
}
