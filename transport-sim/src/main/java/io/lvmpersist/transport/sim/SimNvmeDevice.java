package io.lvmpersist.transport.sim;

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

import java.util.Optional;
import java.util.function.Function;

/**
 * A simulated NVMe namespace as one host sees it. Each operation sends the reservation command(s) the NVMe
 * passthrough transport sends: register with ignore-existing is Register RREGA=0 and, on conflict, RREGA=2
 * with IEKEY; reads use the extended Reservation Report, with the holder normalised to key 0 for WEAR/EAAR.
 */
final class SimNvmeDevice implements PrDevice {
    private static final int CPTPL_NO_CHANGE = 0;
    private static final int CPTPL_PERSIST = 3;

    private final SimSan san;
    private final String lunId;
    private final String path;
    private final String host;

    SimNvmeDevice(SimSan san, String lunId, String path, String host) {
        this.san = san;
        this.lunId = lunId;
        this.path = path;
        this.host = host;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public DeviceClass deviceClass() {
        return DeviceClass.NVME;
    }

    @Override
    public PrResult<Capabilities> capabilities() {
        return execute("Identify", lun -> lun.nvme().reservationCapabilities()
                .<PrResult<Capabilities>>map(PrResult::ok)
                .orElseGet(() -> PrResult.failed(new Failure.NotSupported(Failure.Unsupported.DEVICE,
                        "controller reports no reservation support (ONCS)", "ONCS bit 5 clear"))));
    }

    @Override
    public PrResult<KeyList> readKeys() {
        return report().map(r -> new KeyList(r.generation(),
                r.registrants().stream().map(reg -> ReservationKey.of(reg.rkey())).toList()));
    }

    @Override
    public PrResult<Reservation> readReservation() {
        return report().map(SimNvmeDevice::reservationOf);
    }

    static Reservation reservationOf(ReservationReport report) {
        Optional<ReservationType> type = ReservationType.fromNvmeCode(report.rtype());
        if (type.isEmpty()) {
            return Reservation.none(report.generation());
        }
        ReservationKey holder = type.get().isAllRegistrants() ? ReservationKey.NONE
                : report.registrants().stream().filter(ReservationReport.Registrant::holds).findFirst()
                        .map(r -> ReservationKey.of(r.rkey())).orElse(ReservationKey.NONE);
        return new Reservation(report.generation(), type, holder);
    }

    private PrResult<ReservationReport> report() {
        return execute("Reservation Report", lun -> {
            NvmeReply<ReservationReport> reply = lun.nvme().report(host, true);
            return StatusMapping.nvme(reply.status(), 0).<PrResult<ReservationReport>>map(PrResult::failed)
                    .orElseGet(() -> PrResult.ok(reply.data()));
        });
    }

    /**
     * With ignore-existing: RREGA=0 NRKEY=new, and on a conflict (this host holds another key) RREGA=2 IEKEY=1.
     * Without: RREGA=0 when {@code currentKey} is 0, else RREGA=2 with CRKEY. CPTPL=3 asks for PTPL.
     */
    @Override
    public PrResult<Done> register(ReservationKey currentKey, ReservationKey newKey, boolean ignoreExisting,
                                   boolean persistThroughPowerLoss) {
        int cptpl = persistThroughPowerLoss ? CPTPL_PERSIST : CPTPL_NO_CHANGE;
        long nrkey = newKey.value();
        if (ignoreExisting) {
            PrResult<Done> first = register(NvmeNamespace.REGISTER, false, cptpl, 0, nrkey);
            if (first.failureOrNull() instanceof Failure.ReservationConflict) {
                return register(NvmeNamespace.REPLACE, true, cptpl, 0, nrkey);
            }
            return first;
        }
        if (currentKey.isNone()) {
            return register(NvmeNamespace.REGISTER, false, cptpl, 0, nrkey);
        }
        return register(NvmeNamespace.REPLACE, false, cptpl, currentKey.value(), nrkey);
    }

    @Override
    public PrResult<Done> unregister(ReservationKey currentKey) {
        return register(NvmeNamespace.UNREGISTER, false, CPTPL_NO_CHANGE, currentKey.value(), 0);
    }

    @Override
    public PrResult<Done> reserve(ReservationKey key, ReservationType type) {
        return acquire(NvmeNamespace.ACQUIRE, type, key, ReservationKey.NONE);
    }

    @Override
    public PrResult<Done> release(ReservationKey key, ReservationType type) {
        return release(NvmeNamespace.RELEASE, type.nvmeCode(), key);
    }

    @Override
    public PrResult<Done> clear(ReservationKey key) {
        return release(NvmeNamespace.CLEAR, 0, key);
    }

    @Override
    public PrResult<Done> preempt(ReservationKey key, ReservationKey victim, ReservationType type, boolean abort) {
        return acquire(abort ? NvmeNamespace.PREEMPT_AND_ABORT : NvmeNamespace.PREEMPT, type, key, victim);
    }

    private PrResult<Done> register(int rrega, boolean iekey, int cptpl, long crkey, long nrkey) {
        return execute("Reservation Register", lun -> StatusMapping.nvmeDone(
                lun.nvme().register(host, rrega, iekey, cptpl, crkey, nrkey), 0));
    }

    private PrResult<Done> acquire(int racqa, ReservationType type, ReservationKey crkey, ReservationKey prkey) {
        return execute("Reservation Acquire", lun -> StatusMapping.nvmeDone(lun.nvme().acquire(host, racqa, false,
                type.nvmeCode(), crkey.value(), prkey.value()), type.nvmeCode()));
    }

    private PrResult<Done> release(int rrela, int rtype, ReservationKey crkey) {
        return execute("Reservation Release", lun -> StatusMapping.nvmeDone(
                lun.nvme().release(host, rrela, false, rtype, crkey.value()), rtype));
    }

    /** Like the NVMe transport, a transient status without DNR (Namespace Not Ready) is sent again ({@link Resend}). */
    private <T> PrResult<T> execute(String name, Function<Lun, PrResult<T>> command) {
        return Resend.whileNotExecuted(path, name, () -> san.execute(lunId, command));
    }

    @Override
    public void close() {
        // nothing to release: every command is its own transaction
    }

    @Override
    public String toString() {
        return "simulated NVMe namespace " + lunId + " at " + path + " as host " + host;
    }
}
