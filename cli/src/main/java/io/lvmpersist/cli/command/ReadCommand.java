package io.lvmpersist.cli.command;

import io.lvmpersist.cli.engine.Session;
import io.lvmpersist.cli.output.CommandReport;
import io.lvmpersist.cli.output.DeviceReport;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "read", mixinStandardHelpOptions = true,
        description = "read-keys, then read-reservation: all key lines first, then all reservation lines.")
public final class ReadCommand extends PrCommand {
    @Override
    protected InvocationParser.Needs needs() {
        return InvocationParser.Needs.NOTHING;
    }

    @Override
    protected CommandReport execute(Session session) {
        List<DeviceReport> reports = session.forEachDevice((t, device, report) -> {
            ReadSteps.readKeys(device, report, 0);
            if (report.outcome() != DeviceReport.Outcome.UNSUPPORTED) {
                ReadSteps.readReservation(device, report, 1);
            }
        });
        return Summaries.reads(session, reports);
    }
}
