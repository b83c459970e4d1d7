package io.lvmpersist.cli.command;

import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.cli.devices.Target;
import io.lvmpersist.cli.engine.Session;
import io.lvmpersist.cli.output.CommandReport;
import io.lvmpersist.cli.output.DeviceReport;
import io.lvmpersist.transport.Done;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * start --removekey R: take a VG over from the host with key R. Every device must support the type and carry R
 * before anything changes; then, per device, register our key and preempt-and-abort R, then verify. The first
 * device in the shared order goes alone ({@link Session#firstThenRest}): of two hosts taking over the same
 * victim, only the one whose preempt removes R there goes on, so the VG is never split between them.
 *
 * <p>On a failure our registrations stay (as for start), and a device where R was already preempted keeps our
 * key and reservation: releasing it would leave the device unreserved with R removed, open to every host. The
 * report reads every device back and says what is true on it.
 */
final class Takeover {
    private final String command;
    private final Session session;
    private final ReservationKey ourKey;
    private final ReservationKey removeKey;
    /** What this run did, per device path. */
    private final Map<String, StartCommand.Progress> progress = new ConcurrentHashMap<>();

    Takeover(String command, Session session) {
        this.command = command;
        this.session = session;
        this.ourKey = session.invocation().ourKey();
        this.removeKey = session.invocation().removeKey();
    }

    CommandReport run() {
        String group = session.group();
        CommandReport result = new CommandReport(command, group);

        // 1. Nothing changes unless every device supports the type (as for start) and carries the key to remove.
        List<DeviceReport> support = session.forEachDevice((target, device, report) ->
                StartCommand.checkSupport(session, target, device, report));
        if (support.stream().anyMatch(DeviceReport::failed)) {
            return StartCommand.refuse(session, result, support);
        }
        List<DeviceReport> found = session.forEachDevice(this::requireRemoveKey);
        if (found.stream().anyMatch(DeviceReport::failed)) {
            found.stream().filter(DeviceReport::failed).forEach(d -> result.error(d.error()));
            result.error("start " + group + ": no device was changed.");
            return result.devices(found).exitCode(Session.exitCodeFor(found) == ExitCode.OK
                    ? ExitCode.FAILED : Session.exitCodeFor(found));
        }

        // 2. The first device alone (its preempt decides a race), then the rest in parallel.
        List<DeviceReport> reports = session.firstThenRest((target, device, report) ->
                takeOver(target, device, report, progress.get(target.path())), report -> !report.failed());
        if (reports.stream().noneMatch(DeviceReport::failed) && !session.interrupted()) {
            return result.devices(reports).info("started " + group + " with key " + ourKey + ".");
        }

        // 3. Read every device back: the report states what is true, not what was meant.
        reports.stream().filter(DeviceReport::failed).forEach(d -> result.error(d.error()));
        session.forEach(reports, (target, device, report) -> readBack(device, report, progress.get(target.path())));
        reports.forEach(d -> result.error("start " + group + ": " + d.device() + ": " + d.state()));
        long takenOver = reports.stream().filter(this::heldByUs).count();
        if (takenOver > 0 && takenOver < reports.size()) {
            result.error("WARNING: takeover of " + group + " is partial: " + takenOver + " of " + reports.size()
                    + " devices are held by " + ourKey + ", the others are not (read shows each device).");
        }
        int code = Session.exitCodeFor(reports);
        return result.devices(reports).exitCode(code == ExitCode.OK ? ExitCode.FAILED : code);
    }

    /** From the read-back: the other key is gone and we hold the reservation (alone, or as its only registrant). */
    private boolean heldByUs(DeviceReport report) {
        if (report.keys() == null || report.reservation() == null || !report.reservation().isHeld()
                || report.keys().contains(removeKey) || !report.keys().contains(ourKey)) {
            return false;
        }
        return report.reservation().type().get().isAllRegistrants() || report.reservation().holder().equals(ourKey);
    }

    private void requireRemoveKey(Target target, PrDevice device, DeviceReport report) {
        report.state("unchanged");
        switch (device.readKeys()) {
            case PrResult.Ok<KeyList> ok -> {
                report.keys(ok.value());
                StartCommand.Progress p = new StartCommand.Progress();
                p.registeredBefore = ok.value().contains(ourKey);
                progress.put(target.path(), p);
                if (!ok.value().contains(removeKey)) {
                    report.fail("start " + session.group() + " specified key to remove " + removeKey
                            + " not found on " + report.device() + ".", null);
                }
            }
            case PrResult.Failed<KeyList> failed -> report.fail("start " + session.group() + " cannot read keys on "
                    + report.device() + ": " + failed.failure().message(), failed.failure());
        }
    }

    private void takeOver(Target target, PrDevice device, DeviceReport report, StartCommand.Progress p) {
        String group = session.group();
        ReservationType type = session.typeFor(target);
        report.type(type.name()).state("unchanged");
        PrResult<Done> registered = device.register(ReservationKey.NONE, ourKey, true, session.invocation().ptpl());
        if (registered.failureOrNull() != null) {
            report.fail("start " + group + " failed to register our key on " + report.device() + ": "
                    + registered.failureOrNull().message(), registered.failureOrNull());
            return;
        }
        report.state("registered " + ourKey + "; " + removeKey + " still registered");
        PrResult<Done> preempted = device.preempt(ourKey, removeKey, type, true);
        if (preempted.failureOrNull() != null) {
            report.fail("start " + group + " failed to preempt-abort " + removeKey + " on " + report.device() + ": "
                    + preempted.failureOrNull().message(), preempted.failureOrNull());
            return;
        }
        p.preempted = true;
        report.state("taken over: " + removeKey + " removed, " + ourKey + " holds " + type);
        StartCommand.verify(group, ourKey, type, device, report, removeKey);
    }

    private void readBack(PrDevice device, DeviceReport report, StartCommand.Progress p) {
        String done = report.outcome() == DeviceReport.Outcome.SKIPPED ? "not attempted; "
                : p != null && p.preempted ? "taken over (kept: releasing would leave it unreserved with "
                + removeKey + " removed); " : "";
        report.state(done + ReadBack.into(device, report, ourKey, removeKey));
    }
}
