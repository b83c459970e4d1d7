package io.lvmpersist.cli.sim;

import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.cli.output.Printable;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "bind", mixinStandardHelpOptions = true,
        description = {"Bind device paths (e.g. a real VG's loop devices) to simulated LUs.",
                "PR commands with --sim then route them to the simulator. Each unbound path gets its own new LU."})
public final class SimBindCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    SimOptions sim;

    @Parameters(paramLabel = "PATH", arity = "1..*")
    List<String> paths;

    @Option(names = "--lun", paramLabel = "ID", description = "Bind every PATH to this LU (created if missing).")
    String lun;

    @Option(names = "--nvme", description = "New LUs are NVMe namespaces instead of SCSI LUs.")
    boolean nvme;

    @Override
    public Integer call() throws Exception {
        SimSan san = sim.open(spec);
        Personality personality = nvme ? Personality.NVME : Personality.SCSI;
        DeviceClass deviceClass = nvme ? DeviceClass.NVME : DeviceClass.SCSI;
        for (String path : paths) {
            var bound = san.lunOf(path);
            if (lun == null && bound.isPresent()) {
                spec.commandLine().getOut().println(
                        Printable.escapeControls(path + " -> " + bound.get() + " (already bound)"));
                continue;
            }
            String id = lun != null ? lun : "lun-" + path.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
            try {
                san.createLun(id, personality, deviceClass);
            } catch (IllegalArgumentException exists) {
                // --lun names an LU that exists already: bind another path to it (a second path to one LU).
                if (lun == null) {
                    throw exists;
                }
            }
            san.bind(path, id);
            spec.commandLine().getOut().println(Printable.escapeControls(path + " -> " + id));
        }
        return ExitCode.OK;
    }
}
