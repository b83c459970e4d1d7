package io.lvmpersist.cli.command;

import io.lvmpersist.cli.engine.Session;
import io.lvmpersist.cli.output.CommandReport;
import io.lvmpersist.cli.output.DeviceReport;
import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.Done;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * clear: wipe every registration and the reservation (registering our key first when needed,
 * since CLEAR must come from a registrant), then verify nothing is left. A device our key cannot
 * be registered on is skipped, as lvmpersist does, so the others are still cleared; it is
 * verified all the same, and the command fails if keys or a reservation remain on it.
 */
@Command(name = "clear", mixinStandardHelpOptions = true,
        description = "Remove all keys and the reservation from every device (registers --ourkey first if needed).")
public final class ClearCommand extends PrCommand {
    @Override
    protected boolean logsToSyslog() {
        return true;
    }

    @Override
    protected InvocationParser.Needs needs() {
        return InvocationParser.Needs.OUR_KEY;
    }

    @Override
    protected CommandReport execute(Session session) {
        String group = session.group();
        ReservationKey ourKey = session.invocation().ourKey();
        List<DeviceReport> reports = session.forEachDevice((target, device, report) -> {
            if (device.capabilities() instanceof PrResult.Failed<Capabilities> f && ReadSteps.unsupported(f.failure())) {
                report.outcome(DeviceReport.Outcome.UNSUPPORTED)
                        .negativeLine("Device " + report.device() + ": does not support PR");
                return;
            }
            PrResult<KeyList> keys = device.readKeys();
            if (keys.failureOrNull() != null) {
                report.fail("clear " + group + " cannot read keys on " + report.device() + ": "
                        + keys.failureOrNull().message(), keys.failureOrNull()).state("unchanged");
                return;
            }
            PrResult<Done> cleared = null;
            if (!((PrResult.Ok<KeyList>) keys).value().contains(ourKey)
                    && device.register(ReservationKey.NONE, ourKey, true, false) instanceof PrResult.Failed<Done> f) {
                report.outcome(DeviceReport.Outcome.SKIPPED).notice("clear " + group + " skip " + report.device()
                        + " without registration: " + f.failure().message());
            } else {
                cleared = device.clear(ourKey);
            }
            verify(device, report, group, cleared == null ? null : cleared.failureOrNull());
            if (report.outcome() == DeviceReport.Outcome.SKIPPED) {
                report.state("skipped: nothing left to clear");
            } else {
                report.state(report.failed() ? "not fully cleared" : "cleared");
            }
        });
        CommandReport result = new CommandReport(session.invocation().command(), group).devices(reports);
        // The skipped devices are said before the summary line, which stays last.
        reports.forEach(d -> d.notices().forEach(result::warning));
        if (reports.stream().noneMatch(DeviceReport::failed)) {
            return result.info("cleared " + group + " reservation and keys");
        }
        reports.stream().filter(DeviceReport::failed).forEach(d -> result.error(d.error()));
        int code = Session.exitCodeFor(reports);
        return result.exitCode(code == 0 ? 1 : code);
    }

    /** Reads back: no key and no reservation may be left. {@code cause} is the CLEAR's failure, if any. */
    private static void verify(PrDevice device, DeviceReport report, String group, Failure cause) {
        PrResult<KeyList> after = device.readKeys();
        PrResult<Reservation> reservation = device.readReservation();
        if (after instanceof PrResult.Ok<KeyList> k) {
            report.keys(k.value());
            if (!k.value().keys().isEmpty()) {
                report.fail("clear " + group + " keys not cleared from " + report.device() + " - "
                        + ReadSteps.keysText(k.value(), report.deviceClass()), cause);
            }
        } else {
            report.fail("clear " + group + " cannot verify keys on " + report.device() + ": "
                    + after.failureOrNull().message(), after.failureOrNull());
        }
        if (reservation instanceof PrResult.Ok<Reservation> r) {
            report.reservation(r.value());
            if (r.value().isHeld()) {
                report.fail("clear " + group + " reservation not cleared from " + report.device(), cause);
            }
        } else {
            report.fail("clear " + group + " cannot verify the reservation on " + report.device() + ": "
                    + reservation.failureOrNull().message(), reservation.failureOrNull());
        }
    }
}
