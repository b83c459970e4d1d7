package io.lvmpersist.cli.sim;

import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.cli.output.Printable;
import io.lvmpersist.cli.UsageException;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.sim.SimSan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "path", mixinStandardHelpOptions = true,
        description = {"Fail, reinstate or add paths of a simulated multipath map.",
                "Registrations are kept: a reinstated or added path's I/O conflicts until it is registered again."})
public final class SimPathCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    SimOptions sim;

    @Option(names = "--device", paramLabel = "PATH", required = true)
    String device;

    @Option(names = "--down", paramLabel = "N", description = "Take path N (from 1) down.")
    Integer down;

    @Option(names = "--up", paramLabel = "N", description = "Reinstate path N.")
    Integer up;

    @Option(names = "--count", paramLabel = "N", description = "Paths per host (more: paths added).")
    Integer count;

    @Override
    public Integer call() throws Exception {
        SimSan san = sim.open(spec);
        String lun = SimOptions.lunOf(san, device);
        // Other LUs have one nexus per host and no paths: changing nothing and saying "done" would mislead.
        if (san.binding(device).map(b -> b.getValue() != DeviceClass.MULTIPATH).orElse(true)) {
            throw new UsageException("device " + device + " (" + lun + ") is not a simulated multipath map: "
                    + "only LUs made by 'lvmpersist sim create-vg VG --pvs N --multipath PATHS' have paths.");
        }
        if (count != null) {
            san.setPathCount(lun, count);
        }
        if (down != null) {
            san.setPathDown(lun, down, true);
        }
        if (up != null) {
            san.setPathDown(lun, up, false);
        }
        SimSan.PathState state = san.pathState(lun);
        spec.commandLine().getOut().println(Printable.escapeControls(device + " (" + lun + "): " + state.count()
                + " paths per host" + (state.down().isEmpty() ? "" : ", down: " + state.down())));
        return ExitCode.OK;
    }
}
