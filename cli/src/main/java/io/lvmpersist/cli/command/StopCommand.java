package io.lvmpersist.cli.command;

import io.lvmpersist.cli.engine.Session;
import io.lvmpersist.cli.output.CommandReport;
import io.lvmpersist.cli.output.DeviceReport;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.ReservationKey;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * stop: unregister our key on every device (the reservation goes with it) and verify it is gone.
 * Every device is processed even when one fails (lvmpersist 2.03.42 stops at the first read error).
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Unregister --ourkey from every device; its reservation goes with it.")
public final class StopCommand extends PrCommand {
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
            // The result is checked by reading back: unregistering a key that is not there fails
            // harmlessly (stop is repeatable).
            device.unregister(ourKey);
            switch (device.readKeys()) {
                case PrResult.Ok<KeyList> ok -> {
                    report.keys(ok.value());
                    if (ok.value().contains(ourKey)) {
                        report.fail("stop " + group + " failed to unregister our key " + ourKey + " from "
                                + report.device() + ".", null).state("key " + ourKey + " still registered");
                    } else {
                        report.state("key " + ourKey + " not registered");
                    }
                }
                case PrResult.Failed<KeyList> failed -> report.fail("stop " + group + " cannot read keys on "
                        + report.device() + ": " + failed.failure().message(), failed.failure())
                        .state("unknown: keys could not be read back");
            }
        });
        CommandReport result = new CommandReport(session.invocation().command(), group).devices(reports);
        if (!session.interrupted() && reports.stream().noneMatch(DeviceReport::failed)) {
            return result.info("stopped " + group + " with key " + ourKey + ".");
        }
        reports.stream().filter(DeviceReport::failed).forEach(d -> result.error(d.error()));
        int code = Session.exitCodeFor(reports);
        return result.exitCode(code == 0 ? 1 : code);
    }
}
