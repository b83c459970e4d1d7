package io.lvmpersist.cli.sim;

import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.cli.UsageException;
import io.lvmpersist.cli.devices.VolumeGroupName;
import io.lvmpersist.cli.output.Printable;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "create-vg", mixinStandardHelpOptions = true,
        description = "Create a simulated VG of N PVs (LUs /dev/sim/VG/pv1..N) and print their paths.")
public final class SimCreateVgCommand implements Callable<Integer> {
    @ParentCommand
    SimCommand parent;
    @Spec
    CommandSpec spec;
    @Mixin
    SimOptions sim;

    @Parameters(index = "0", paramLabel = "VGNAME")
    String vg;

    @Option(names = "--pvs", paramLabel = "N", defaultValue = "1", description = "Number of PVs (default 1).")
    int pvs;

    @Option(names = "--nvme", description = "NVMe namespaces instead of SCSI LUs.")
    boolean nvme;

    @Option(names = "--multipath", paramLabel = "PATHS",
            description = "SCSI LUs seen as dm-multipath maps, each host reaching each LU through PATHS paths.")
    Integer multipath;

    @Override
    public Integer call() throws Exception {
        if (pvs < 1 || pvs > 4096) {
            throw new UsageException("Invalid --pvs " + pvs + ": give 1 to 4096.");
        }
        VolumeGroupName.check(vg, "VG name"); // a VG that --vg would refuse is of no use
        SimSan san = sim.open(spec);
        if (san.volumeGroup(vg).isPresent()) {
            throw new UsageException("VG " + vg + " already exists in the simulated SAN: choose another name.");
        }
        if (multipath != null && (nvme || multipath < 1 || multipath > 64)) {
            throw new UsageException(nvme ? "--multipath is for SCSI LUs: NVMe namespaces use native multipath."
                    : "Invalid --multipath " + multipath + ": give 1 to 64 paths.");
        }
        List<String> paths = multipath != null ? san.createMultipathVolumeGroup(vg, pvs, multipath)
                : san.createVolumeGroup(vg, pvs, nvme ? Personality.NVME : Personality.SCSI);
        paths.forEach(path -> spec.commandLine().getOut().println(Printable.escapeControls(path)));
        return ExitCode.OK;
    }
}
