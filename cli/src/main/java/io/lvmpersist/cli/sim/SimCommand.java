package io.lvmpersist.cli.sim;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lvmpersist sim ...}: create and inspect a simulated SAN (a state file shared by processes),
 * so PR workflows can be tried and tested without storage. Not part of LVM2's lvmpersist.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Create and inspect a simulated SAN (an extension; not in LVM2's lvmpersist).",
                "PR commands use it with --sim STATE (or LVMPERSIST_SIM=STATE) and --sim-host NAME."},
        subcommands = {SimCreateVgCommand.class, SimBindCommand.class, SimShowCommand.class,
                SimFaultCommand.class, SimPathCommand.class, SimAccessCommand.Write.class, SimAccessCommand.Read.class})
public final class SimCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
