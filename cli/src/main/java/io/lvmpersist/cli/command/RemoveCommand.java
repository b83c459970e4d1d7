package io.lvmpersist.cli.command;

import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.cli.engine.Session;
import io.lvmpersist.cli.output.CommandReport;
import io.lvmpersist.cli.output.DeviceReport;
import io.lvmpersist.transport.Done;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * remove: fence another host by preempting-and-aborting its key on every device, keeping the
 * current reservation type; verify the key is gone. Fails when PVs of the VG are missing, because
 * the fenced host would keep access to them. The first device in the order every host shares goes alone
 * ({@link Session#firstThenRest}): when two hosts remove each other, the one that loses there stops, so
 * the VG is never split between them.
 */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove (fence) --removekey from every device; --ourkey must be registered.")
public final class RemoveCommand extends PrCommand {
    @Override
    protected boolean logsToSyslog() {
        return true;
    }

    @Override
    protected InvocationParser.Needs needs() {
        return InvocationParser.Needs.OUR_KEY_AND_REMOVE_KEY;
    }

    @Override
    protected CommandReport execute(Session session) {
        String group = session.group();
        ReservationKey ourKey = session.invocation().ourKey();
        ReservationKey removeKey = session.invocation().removeKey();
        List<DeviceReport> reports = session.firstThenRest((target, device, report) -> {
            report.state("unchanged");
            PrResult<KeyList> keys = device.readKeys();
            if (keys.failureOrNull() != null) {
                report.fail("remove " + group + " cannot read keys on " + report.device() + ": "
                        + keys.failureOrNull().message(), keys.failureOrNull());
                return;
            }
            KeyList before = ((PrResult.Ok<KeyList>) keys).value();
            if (!before.contains(ourKey)) {
                report.keys(before).fail("cannot remove " + removeKey + " from " + report.device()
                        + " without ourkey " + ourKey + " being registered", null);
                return;
            }
            if (!before.contains(removeKey)) {
                report.keys(before).state("key " + removeKey + " not registered (nothing to remove)");
                return;
            }
            // Keep the type the device has; with no reservation, the access mode's type. A reservation that
            // cannot be read is not guessed at: preempting with the wrong type would change it.
            PrResult<Reservation> current = device.readReservation();
            if (current.failureOrNull() != null) {
                report.keys(before).fail("remove " + group + " cannot read the reservation of " + report.device()
                        + ": " + current.failureOrNull().message() + "; " + removeKey + " was not removed there.",
                        current.failureOrNull()).state("key " + removeKey + " still registered (not preempted)");
                return;
            }
            Reservation held = ((PrResult.Ok<Reservation>) current).value();
            ReservationType type = held.isHeld() ? held.type().get() : session.typeFor(target);
            report.type(type.name());
            PrResult<Done> preempted = device.preempt(ourKey, removeKey, type, true);
            PrResult<KeyList> after = device.readKeys();
            if (after instanceof PrResult.Ok<KeyList> ok) {
                report.keys(ok.value());
                if (ok.value().contains(removeKey)) {
                    String why = preempted.failureOrNull() == null ? "" : ": " + preempted.failureOrNull().message();
                    report.fail("failed to remove key " + removeKey + " from " + report.device() + " in " + group
                            + why + ".", preempted.failureOrNull()).state("key " + removeKey + " still registered");
                } else {
                    report.state("key " + removeKey + " removed");
                }
            } else {
                report.fail("remove " + group + " cannot verify " + report.device() + ": "
                        + after.failureOrNull().message(), after.failureOrNull())
                        .state("unknown: keys could not be read back");
            }
            if (device.readReservation() instanceof PrResult.Ok<Reservation> r) {
                report.reservation(r.value());
            }
        }, report -> !report.failed());
        // Devices not attempted: say what is true on them.
        session.forEach(reports, (target, device, report) -> {
            if (report.outcome() == DeviceReport.Outcome.SKIPPED) {
                report.state("not attempted; " + ReadBack.into(device, report, ourKey, removeKey));
            }
        });
        CommandReport result = new CommandReport(session.invocation().command(), group).devices(reports);
        reports.stream().filter(DeviceReport::failed).forEach(d -> result.error(d.error()));
        int code = Session.exitCodeFor(reports);
        if (!session.missingPvs().isEmpty()) {
            result.error("remove failed: " + session.missingPvs().size() + " missing device(s) in VG " + group + ".");
            return result.exitCode(code == ExitCode.OK ? ExitCode.DEVICE : code);
        }
        if (session.interrupted()) {
            return result.exitCode(code == ExitCode.OK ? ExitCode.FAILED : code);   // PrCommand says why
        }
        if (code != ExitCode.OK) {
            return result.exitCode(code);
        }
        // Truthful when no device had the key: nothing was removed anywhere (as docs/cli.md says).
        String absent = "key " + removeKey + " not registered (nothing to remove)";
        if (reports.stream().allMatch(d -> absent.equals(d.state()))) {
            return result.info("key " + removeKey + " not registered on " + group + " (nothing to remove).");
        }
        return result.info("removed key " + removeKey + " for " + group + ".");
    }
}
