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
 * start --removekey R: take a VG over from the host with key R. Every device must carry R before
 * anything changes; then, per device, register our key and preempt-and-abort R, then verify.
 *
 * <p>On a failure, devices not yet preempted are rolled back (our new registration removed), but a
 * device where R was already preempted keeps our key and reservation: undoing it would leave the
 * device with neither key, which lvmpersist does silently. The report names each device's state.
 */
final class Takeover {
    private final String command;
    private final Session session;
    private final ReservationKey ourKey;
    private final ReservationKey removeKey;
    /** What this run did, per device path; phase 1 records whether our key was registered before any change. */
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

        List<DeviceReport> found = session.forEachDevice(this::requireRemoveKey);
        if (found.stream().anyMatch(DeviceReport::failed)) {
            found.stream().filter(DeviceReport::failed).forEach(d -> result.error(d.error()));
            result.error("start " + group + ": no device was changed.");
            return result.devices(found).exitCode(Session.exitCodeFor(found) == ExitCode.OK
                    ? ExitCode.FAILED : Session.exitCodeFor(found));
        }

        List<DeviceReport> reports = session.forEachDevice((target, device, report) ->
                takeOver(target, device, report, progress.get(target.path())));
        if (reports.stream().noneMatch(DeviceReport::failed)) {
            return result.devices(reports).info("started " + group + " with key " + ourKey + ".");
        }

        reports.stream().filter(DeviceReport::failed).forEach(d -> result.error(d.error()));
        session.forEach(reports, (target, device, report) -> rollBack(device, report, progress.get(target.path())));
        reports.forEach(d -> result.error("start " + group + ": " + d.device() + ": " + d.state()));
        long takenOver = progress.values().stream().filter(p -> p.preempted).count();
        if (takenOver > 0 && takenOver < reports.size()) {
            result.error("WARNING: takeover of " + group + " is partial: " + takenOver + " of " + reports.size()
                    + " devices are held by " + ourKey + ", the others still carry " + removeKey + ".");
        }
        return result.devices(reports).exitCode(Session.exitCodeFor(reports));
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
        p.registered = !p.registeredBefore;
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

    private void rollBack(PrDevice device, DeviceReport report, StartCommand.Progress p) {
        if (p == null || !p.registered) {
            return;
        }
        if (p.preempted) {
            report.state(report.state() + " (kept: rolling back would leave the device with neither key)");
            return;
        }
        PrResult<Done> undo = device.unregister(ourKey);
        if (undo.failureOrNull() != null) {
            report.state("ROLLBACK FAILED: " + ourKey + " still registered beside " + removeKey
                    + ": " + undo.failureOrNull().message());
            return;
        }
        report.state("rolled back: " + ourKey + " unregistered; " + removeKey + " still registered");
    }
}
