package io.lvmpersist.transport.nvme;

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
import io.lvmpersist.transport.nvme.NvmeCommands.AcquireAction;
import io.lvmpersist.transport.nvme.NvmeCommands.Cptpl;
import io.lvmpersist.transport.nvme.NvmeCommands.RegisterAction;
import io.lvmpersist.transport.nvme.NvmeCommands.ReleaseAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * An NVMe namespace with the PR operations mapped to the NVMe reservation commands.
 *
 * <p>Registrations belong to the host (its Host Identifier), not to a controller or path: one registration
 * through a native-multipath head node covers every path, so nothing here is done per controller.
 */
public final class NvmePrDevice implements PrDevice {
    private static final Logger LOG = LoggerFactory.getLogger(NvmePrDevice.class);

    private final String path;
    private final int nsid;
    private final NvmeExecutor executor;
    private final CommandRunner runner;
    private final ReportReader reports;

    /**
     * @param path     the path the user named (for messages)
     * @param nsid     the namespace id of the node
     * @param executor sends the commands; closed by {@link #close()}
     * @param timeout  the command timeout (for {@link Failure.Timeout} reports)
     */
    public NvmePrDevice(String path, int nsid, NvmeExecutor executor, Duration timeout) {
        this(path, nsid, executor, timeout, Backoff.linear());
    }

    /** With the pause before a transient status is sent again chosen by the caller (tests: {@link Backoff#none()}). */
    public NvmePrDevice(String path, int nsid, NvmeExecutor executor, Duration timeout, Backoff backoff) {
        this.path = path;
        this.nsid = nsid;
        this.executor = executor;
        this.runner = new CommandRunner(path, executor, timeout, backoff);
        this.reports = new ReportReader(runner, nsid);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public DeviceClass deviceClass() {
        return DeviceClass.NVME;
    }

    /** Identify Controller (ONCS reservations bit) then Identify Namespace (RESCAP types and PTPL). */
    @Override
    public PrResult<Capabilities> capabilities() {
        CommandRunner.Outcome controller = runner.run(NvmeCommands.identifyController(), true);
        if (!controller.ok()) {
            return PrResult.failed(controller.failure().orElseThrow());
        }
        if (!IdentifyController.decode(controller.response().data()).reservations()) {
            return PrResult.failed(new Failure.NotSupported(Failure.Unsupported.DEVICE,
                    "controller does not support reservations (ONCS bit 5 clear)", "ONCS"));
        }
        CommandRunner.Outcome namespace = runner.run(NvmeCommands.identifyNamespace(nsid), true);
        if (!namespace.ok()) {
            return PrResult.failed(namespace.failure().orElseThrow());
        }
        IdentifyNamespace id = IdentifyNamespace.decode(namespace.response().data());
        return PrResult.ok(new Capabilities(id.types(), true, id.ptplCapable()));
    }

    @Override
    public PrResult<KeyList> readKeys() {
        return reports.read().map(report -> new KeyList(report.generation(),
                report.entries().stream().map(ReservationReport.Registrant::key).toList()));
    }

    /**
     * The reservation from the report header and the entry with RCSTS bit 0. NVMe marks every registrant
     * as holder under WEAR/EAAR; we report key 0 there, as SCSI READ RESERVATION does.
     */
    @Override
    public PrResult<Reservation> readReservation() {
        PrResult<ReservationReport> read = reports.read();
        if (!(read instanceof PrResult.Ok<ReservationReport>(ReservationReport report))) {
            return PrResult.failed(read.failureOrNull());
        }
        if (report.rtype() == 0) {
            return PrResult.ok(Reservation.none(report.generation()));
        }
        Optional<ReservationType> type = ReservationType.fromNvmeCode(report.rtype());
        if (type.isEmpty()) {
            return PrResult.failed(new Failure.DeviceError(
                    "reservation report names unknown reservation type RTYPE " + report.rtype(),
                    "RTYPE " + report.rtype()));
        }
        ReservationKey holder = type.get().isAllRegistrants()
                ? ReservationKey.NONE
                : report.entries().stream().filter(ReservationReport.Registrant::holder)
                        .map(ReservationReport.Registrant::key).findFirst().orElse(ReservationKey.NONE);
        return PrResult.ok(new Reservation(report.generation(), type, holder));
    }

    /**
     * With {@code ignoreExisting}: Register (RREGA 0), and on a conflict (this host already holds another
     * key) Replace with IEKEY. Both carry CPTPL — unlike lvmpersist, which drops it on the fallback.
     * Without it: Register when {@code currentKey} is 0, else Replace with CRKEY.
     */
    @Override
    public PrResult<Done> register(ReservationKey currentKey, ReservationKey newKey, boolean ignoreExisting,
                                   boolean persistThroughPowerLoss) {
        if (newKey.isNone()) {
            throw new IllegalArgumentException("register needs a non-zero key; use unregister");
        }
        Cptpl cptpl = persistThroughPowerLoss ? Cptpl.SET : Cptpl.NO_CHANGE;
        if (ignoreExisting) {
            PrResult<Done> first = send(NvmeCommands.register(nsid, RegisterAction.REGISTER, false, cptpl,
                    ReservationKey.NONE, newKey));
            if (!(first.failureOrNull() instanceof Failure.ReservationConflict)) {
                return first;
            }
            LOG.debug("{}: register conflicted (another key of this host is registered); replacing with IEKEY",
                    path);
            return send(NvmeCommands.register(nsid, RegisterAction.REPLACE, true, cptpl,
                    ReservationKey.NONE, newKey));
        }
        RegisterAction action = currentKey.isNone() ? RegisterAction.REGISTER : RegisterAction.REPLACE;
        return send(NvmeCommands.register(nsid, action, false, cptpl, currentKey, newKey));
    }

    @Override
    public PrResult<Done> unregister(ReservationKey currentKey) {
        return send(NvmeCommands.register(nsid, RegisterAction.UNREGISTER, false, Cptpl.NO_CHANGE,
                currentKey, ReservationKey.NONE));
    }

    @Override
    public PrResult<Done> reserve(ReservationKey key, ReservationType type) {
        return send(NvmeCommands.acquire(nsid, AcquireAction.ACQUIRE, type, key, ReservationKey.NONE));
    }

    @Override
    public PrResult<Done> release(ReservationKey key, ReservationType type) {
        return send(NvmeCommands.release(nsid, ReleaseAction.RELEASE, type, key));
    }

    @Override
    public PrResult<Done> clear(ReservationKey key) {
        return send(NvmeCommands.release(nsid, ReleaseAction.CLEAR, null, key));
    }

    @Override
    public PrResult<Done> preempt(ReservationKey key, ReservationKey victim, ReservationType type, boolean abort) {
        AcquireAction action = abort ? AcquireAction.PREEMPT_AND_ABORT : AcquireAction.PREEMPT;
        return send(NvmeCommands.acquire(nsid, action, type, key, victim));
    }

    @Override
    public void close() {
        executor.close();
    }

    private PrResult<Done> send(NvmeCommand command) {
        CommandRunner.Outcome outcome = runner.run(command, false);
        return outcome.failure().<PrResult<Done>>map(PrResult::failed).orElseGet(PrResult::done);
    }
}
