package io.lvmpersist.cli.sim;

import io.lvmpersist.cli.LvmPersist;
import io.lvmpersist.cli.UsageException;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The state file every sim subcommand works on: {@code --sim STATE} or {@code LVMPERSIST_SIM}. */
public final class SimOptions {
    @Option(names = "--sim", paramLabel = "STATE", description = "The simulated SAN's state file (env LVMPERSIST_SIM).")
    Path state;

    Path stateFile(LvmPersist root) throws UsageException {
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
