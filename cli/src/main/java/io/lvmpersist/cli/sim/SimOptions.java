package io.lvmpersist.cli.sim;

import io.lvmpersist.cli.LvmPersist;
import io.lvmpersist.cli.UsageException;
import io.lvmpersist.transport.sim.SimSan;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The state file every sim subcommand works on: {@code --sim STATE} or {@code LVMPERSIST_SIM}. */
public final class SimOptions {
    @Option(names = "--sim", paramLabel = "STATE", description = "The simulated SAN's state file (env LVMPERSIST_SIM).")
    Path state;

    /** The simulated SAN of a {@code sim} subcommand ({@code spec} is the subcommand's). */
    SimSan open(CommandSpec spec) throws UsageException {
        return SimSan.open(stateFile(root(spec)));
    }

    /** The LU behind {@code device}, or a usage error naming it. */
    static String lunOf(SimSan san, String device) throws UsageException {
        return san.lunOf(device).orElseThrow(() -> new UsageException(
                "device " + device + " is not part of the simulated SAN: see lvmpersist sim show."));
    }

    static LvmPersist root(CommandSpec spec) {
        return (LvmPersist) spec.parent().parent().userObject();
    }

    Path stateFile(LvmPersist root) throws UsageException {
        if (state != null && state.toString().isBlank()) {
            throw new UsageException("Invalid --sim \"\": give the simulated SAN's state file, e.g. --sim /tmp/san.state.");
        }
        if (state != null) {
            return state;
        }
        String env = root.environment().get("LVMPERSIST_SIM");
        if (env == null || env.isEmpty()) {
            throw new UsageException("Missing required option: --sim STATE (or set LVMPERSIST_SIM).");
        }
        return Path.of(env);
    }
}
