package io.lvmpersist.cli.command;

import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.cli.engine.Session;
import io.lvmpersist.cli.output.CommandReport;
import io.lvmpersist.cli.output.DeviceReport;
import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.ReservationType;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "devtest", mixinStandardHelpOptions = true,
        description = "Test whether each device supports the reservation type the access mode or --prtype selects.")
public final class DevtestCommand extends PrCommand {
    @Override
    protected InvocationParser.Needs needs() {
        return InvocationParser.Needs.NOTHING;
    }

    @Override
    protected CommandReport execute(Session session) {
        List<DeviceReport> reports = session.forEachDevice((target, device, report) -> {
            ReservationType type = session.typeFor(target);
            report.type(type.name());
            boolean supported = switch (device.capabilities()) {
                case PrResult.Ok<Capabilities> ok -> ok.value().supports(type) || !ok.value().typesReported();
                case PrResult.Failed<Capabilities> failed -> {
                    if (!ReadSteps.unsupported(failed.failure())) {
                        report.fail("report capabilities failed on " + report.device() + ": "
                                + failed.failure().message(), failed.failure());
                    }
                    yield false;
                }
            };
            if (!report.failed()) {
                if (supported) {
                    report.line("Device " + report.device() + ": supports type " + type);
                } else {
                    report.outcome(DeviceReport.Outcome.UNSUPPORTED)
                            .negativeLine("Device " + report.device() + ": does not support type " + type);
                }
            }
        });
        CommandReport report = new CommandReport(session.invocation().command(), session.group()).devices(reports);
        reports.stream().filter(DeviceReport::failed).forEach(d -> report.error(d.error()));
        int code = Session.exitCodeFor(reports);
        if (code == ExitCode.OK && reports.stream().anyMatch(d -> d.outcome() == DeviceReport.Outcome.UNSUPPORTED)) {
            code = ExitCode.DEVICE;
        }
        return report.exitCode(code);
    }
}
