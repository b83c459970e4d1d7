package io.lvmpersist.cli.command;

import io.lvmpersist.cli.engine.Session;
import io.lvmpersist.cli.output.CommandReport;
import io.lvmpersist.cli.output.DeviceReport;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "read-keys", mixinStandardHelpOptions = true,
        description = "Print the keys registered on each device.")
public final class ReadKeysCommand extends PrCommand {
    @Override
    protected InvocationParser.Needs needs() {
        return InvocationParser.Needs.NOTHING;
    }

    @Override
    protected CommandReport execute(Session session) {
        List<DeviceReport> reports = session.forEachDevice((t, device, report) -> ReadSteps.readKeys(device, report, 0));
        return Summaries.reads(session, reports);
    }
}
