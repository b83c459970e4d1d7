package io.lvmpersist.cli.sim;

import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.cli.LvmPersist;
import io.lvmpersist.cli.UsageException;
import io.lvmpersist.cli.output.Printable;
import io.lvmpersist.transport.sim.SimSan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/**
 * {@code sim write} / {@code sim read}: would this host's I/O to the device be allowed under the
 * current reservation? Exit 0 if so, 3 (reservation conflict) if not: proves fencing works.
 */
public abstract class SimAccessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    SimOptions sim;

    @Option(names = "--device", paramLabel = "PATH", required = true)
    String device;

    @Option(names = "--sim-host", paramLabel = "NAME", description = "The host doing the I/O (env LVMPERSIST_SIM_HOST).")
    String host;

    abstract boolean write();

    @Override
    public Integer call() throws Exception {
        LvmPersist root = SimOptions.root(spec);
        String who = host != null ? host : root.environment().get("LVMPERSIST_SIM_HOST");
        if (who == null || who.isEmpty()) {
            throw new UsageException("Missing required option: --sim-host NAME (or set LVMPERSIST_SIM_HOST).");
        }
        SimSan san = sim.open(spec);
        SimOptions.lunOf(san, device);
        boolean allowed = write() ? san.canWrite(device, who) : san.canRead(device, who);
        String what = write() ? "write" : "read";
        if (allowed) {
            spec.commandLine().getOut().println(
                    Printable.escapeControls(what + " to " + device + " by host " + who + ": allowed"));
            return ExitCode.OK;
        }
        spec.commandLine().getOut().println(
                Printable.escapeControls(what + " to " + device + " by host " + who + ": reservation conflict"));
        return ExitCode.CONFLICT;
    }

    @Command(name = "write", mixinStandardHelpOptions = true,
            description = "Exit 0 if --sim-host may write to --device now, 3 (reservation conflict) if not.")
    public static final class Write extends SimAccessCommand {
        @Override
        boolean write() {
            return true;
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Exit 0 if --sim-host may read from --device now, 3 (reservation conflict) if not.")
    public static final class Read extends SimAccessCommand {
        @Override
        boolean write() {
            return false;
        }
    }
}
