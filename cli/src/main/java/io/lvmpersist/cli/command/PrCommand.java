package io.lvmpersist.cli.command;

import io.lvmpersist.cli.CommandFailedException;
import io.lvmpersist.cli.LvmPersist;
import io.lvmpersist.cli.UsageException;
import io.lvmpersist.cli.devices.DeviceSet;
import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.cli.engine.Interruption;
import io.lvmpersist.cli.engine.Session;
import io.lvmpersist.cli.output.CommandReport;
import io.lvmpersist.cli.output.Printable;
import io.lvmpersist.cli.output.Renderer;
import io.lvmpersist.cli.syslog.Syslog;
import io.lvmpersist.transport.linux.LinuxNative;
import io.lvmpersist.transport.spi.Transports;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The shape every PR command shares: validate the command line, resolve and classify the
 * devices, run the command's steps, print the report, return the exit code.
 */
public abstract class PrCommand implements Callable<Integer> {
    @Mixin
    protected PrOptions options;

    @Spec
    protected CommandSpec spec;

    @ParentCommand
    protected LvmPersist root;

    /** What this command requires beyond the common checks. */
    protected abstract InvocationParser.Needs needs();

    /** The command's steps on the resolved devices. */
    protected abstract CommandReport execute(Session session);

    /** Whether the summary lines also go to syslog: only for the state-changing commands, as lvmpersist does. */
    protected boolean logsToSyslog() {
        return false;
    }

    // The state-changing commands (start, stop, remove, clear) are exactly those that log to syslog.
    private boolean changesState() {
        return logsToSyslog();
    }

    @Override
    public Integer call() throws Exception {
        return run(spec.name(), root.environment(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The options this command runs with: set by picocli, or by {@link PlainArguments} before {@link #run}. */
    public PrOptions options() {
        return options;
    }

    void options(PrOptions parsed) {
        this.options = parsed;
    }

    /**
     * Runs the command on its parsed options. Nothing here depends on picocli, so {@link PlainArguments}
     * can run a plainly well-formed command line without building picocli's model (see its comment).
     *
     * @param name the command's name, as typed (start, read...)
     */
    public int run(String name, Map<String, String> environment, PrintWriter out, PrintWriter err)
            throws UsageException {
        Invocation invocation = new InvocationParser(environment).parse(name, options, needs());
        if (!invocation.json()) {
            invocation.notices().forEach(n -> out.println(Printable.escapeControls(n)));
        }
        DeviceSet.scopeNotice(invocation).ifPresent(notice -> Renderer.message(err, notice));
        if (invocation.context().simulator().isEmpty()) {
            LinuxNative.linkAhead(); // real devices: link the ioctl calls while lvm runs and sysfs is read
        }
        if (!logsToSyslog()) {
            return runOn(name, invocation, environment, out, err);
        }
        // A changing command: a signal now waits for it to finish the device in flight and print its report.
        Interruption.begin();
        int code = ExitCode.INTERNAL;
        try {
            code = runOn(name, invocation, environment, out, err);
            return code;
        } finally {
            Interruption.finished(code);
        }
    }

    private int runOn(String name, Invocation invocation, Map<String, String> environment, PrintWriter out,
                      PrintWriter err) {
        Transports transports = Transports.load(invocation.context());
        CommandReport report;
        try {
            DeviceSet devices = DeviceSet.resolve(invocation, transports, environment);
            report = execute(new Session(invocation, transports, devices));
            for (var device : report.devices()) {
                device.notices().forEach(report::warning);
            }
            for (String missing : devices.missingPvs().reversed()) {
                report.warnFirst("missing device " + missing + " in VG " + invocation.vg() + ".");
            }
        } catch (CommandFailedException e) {
            report = new CommandReport(name, invocation.group()).exitCode(e.exitCode());
            e.lines().forEach(report::error);
        }
        if (Interruption.requested()) {
            // A signal came while this command ran: whatever finished, the run as asked for did not.
            report.error(name + " " + invocation.group()
                    + " was interrupted by a signal: devices not yet started were skipped.");
            if (report.exitCode() == ExitCode.OK) {
                report.exitCode(ExitCode.FAILED);
            }
        }
        // One last line that says the command as a whole failed, whatever the device messages say; not in the JSON.
        Optional<String> failed = changesState() && report.exitCode() != 0
                ? Optional.of(Renderer.failedLine(report)) : Optional.empty();
        if (logsToSyslog()) {
            List<CommandReport.Message> logged = new ArrayList<>(report.messages());
            failed.ifPresent(line -> logged.add(new CommandReport.Message(true, line)));
            Syslog.fromEnvironment(environment).log(logged);
        }
        if (invocation.json()) {
            Renderer.json(report, out);
            if (report.exitCode() != 0) {
                report.messages().stream().filter(CommandReport.Message::error)
                        .forEach(m -> Renderer.message(err, m.text()));
            }
        } else {
            Renderer.text(report, out, err);
        }
        failed.ifPresent(line -> Renderer.message(err, line));
        err.flush();
        return report.exitCode();
    }
}
