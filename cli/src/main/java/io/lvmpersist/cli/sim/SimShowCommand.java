package io.lvmpersist.cli.sim;

import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.transport.sim.SimSan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print the simulated SAN: LUs, bindings, VGs, keys per host, reservations, faults.")
public final class SimShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    SimOptions sim;

    @Override
    public Integer call() throws Exception {
        SimSan san = sim.open(spec);
        spec.commandLine().getOut().print(san.describe());
        return ExitCode.OK;
    }
}
