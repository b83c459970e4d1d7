package io.lvmpersist.cli.command;

import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.cli.engine.Session;
import io.lvmpersist.cli.output.CommandReport;
import io.lvmpersist.cli.output.DeviceReport;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.ReservationKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "check-key", mixinStandardHelpOptions = true,
        description = "Check that --key is registered on every device (exit 1 if a device lacks it).",
        modelTransformer = CheckKeyCommand.ShowKeyOption.class)
public final class CheckKeyCommand extends PrCommand {
    /** --key is hidden in {@link PrOptions} (the other commands refuse it); check-key's help shows it. */
    public static final class ShowKeyOption implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            CommandLine.Model.OptionSpec key = spec.findOption("--key");
            spec.remove(key);
            spec.addOption(CommandLine.Model.OptionSpec.builder(key).hidden(false).build());
            return spec;
        }
    }

    @Override
    protected InvocationParser.Needs needs() {
        return InvocationParser.Needs.KEY;
    }

    @Override
    protected CommandReport execute(Session session) {
        ReservationKey key = session.invocation().key();
        List<DeviceReport> reports = session.forEachDevice((target, device, report) -> {
            switch (device.readKeys()) {
                case PrResult.Ok<KeyList> ok -> {
                    boolean present = ok.value().contains(key);
                    report.keys(ok.value()).hasKey(present);
                    if (present) {
                        report.line("Device " + report.device() + ": has key " + key);
                    } else {
                        report.negativeLine("Device " + report.device() + ": does not have key " + key);
                    }
                }
                case PrResult.Failed<KeyList> failed -> report.fail(
                        "read keys failed on " + report.device() + ": " + failed.failure().message(), failed.failure());
            }
        });
        CommandReport report = new CommandReport(session.invocation().command(), session.group()).devices(reports);
        reports.stream().filter(DeviceReport::failed).forEach(d -> report.error(d.error()));
        int code = Session.exitCodeFor(reports);
        if (code == ExitCode.OK && reports.stream().anyMatch(d -> Boolean.FALSE.equals(d.hasKey()))) {
            code = ExitCode.FAILED;
        }
        return report.exitCode(code);
    }
}
