package io.lvmpersist.cli;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.spi.DeviceMatch;
import io.lvmpersist.transport.spi.TransportContext;
import io.lvmpersist.transport.spi.TransportProvider;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The training run of the build's AOT cache (cli/src/aot/train.sh): the commands people run, in one
 * JVM, on a throw-away simulated SAN, so the cache holds the classes, linkage and profiles of every
 * common path (SCSI and NVMe devices, fan-out over several PVs, PR IN and PR OUT, text and JSON
 * output, usage errors) and not only of the one command a single training process would run.
 * Started by {@link Main} when the system property {@value #PROPERTY} names a scratch directory.
 */
final class AotTraining {
    static final String PROPERTY = "lvmpersist.aot.training";

    private AotTraining() {
    }

    static int run(Path scratch) throws java.io.IOException {
        List<String> unexpected = train(scratch);
        unexpected.forEach(System.err::println);
        return unexpected.isEmpty() ? ExitCode.OK : ExitCode.INTERNAL;
    }

    /** Runs the script; returns the commands that did not end as expected, with their exit code and output. */
    static List<String> train(Path scratch) throws java.io.IOException {
        Files.createDirectories(scratch);
        String san = scratch.resolve("san").toString();
        // Syslog to a socket that does not exist: the summary lines are formatted and the send is tried (so
        // those classes are trained too), and nothing ever reaches the build machine's syslog.
        Map<String, String> env = Map.of("LVMPERSIST_SIM", san,
                "LVMPERSIST_SYSLOG_SOCKET", scratch.resolve("no-syslog-here").toString());
        // command line -> expected exit code (errors are trained too: their classes load on every usage error)
        Map<String, Integer> script = new LinkedHashMap<>();
        script.put("sim create-vg vg0 --pvs 4", ExitCode.OK);
        script.put("sim create-vg vg1 --pvs 2 --nvme", ExitCode.OK);
        script.put("read --device /dev/sim/vg0/pv1", ExitCode.OK);
        script.put("start --ourkey 0xa --vg vg0 --sim-host node-a", ExitCode.OK);
        script.put("start --ourkey 0xa --vg vg1 --sim-host node-a", ExitCode.OK);
        script.put("read --vg vg0 --json", ExitCode.OK);
        script.put("read-keys --vg vg1", ExitCode.OK);
        script.put("read-reservation --device /dev/sim/vg1/pv1", ExitCode.OK);
        script.put("check-key --key 0xa --vg vg0", ExitCode.OK);
        script.put("start --ourkey 0xb --removekey 0xa --vg vg0 --sim-host node-b", ExitCode.OK);
        script.put("stop --ourkey 0xb --vg vg0 --sim-host node-b", ExitCode.OK);
        script.put("sim show", ExitCode.OK);
        script.put("start --vg vg0", ExitCode.USAGE);
        List<String> unexpected = new ArrayList<>();
        trainRealTransports();
        for (var step : script.entrySet()) {
            StringWriter sink = new StringWriter();
            PrintWriter out = new PrintWriter(sink);
            int code = new Cli(env, out, out).run(step.getKey().split(" "));
            if (code != step.getValue()) {
                unexpected.add(step.getKey() + ": exit " + code + ": " + sink);
            }
        }
        return unexpected;
    }

    /**
     * The real transports' read path on /dev/null, which answers every ioctl with ENOTTY: nothing
     * reaches a device, but the native calls get linked and the transports' code runs, so a command on
     * a real disk finds them in the cache (linking open, ioctl and close costs a cold JVM about 100 ms).
     */
    private static void trainRealTransports() {
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class)) {
            if (provider.simulated()) {
                continue;
            }
            DeviceClass kind = provider.name().equals("nvme") ? DeviceClass.NVME : DeviceClass.SCSI;
            DeviceMatch devNull = new DeviceMatch("/dev/null", "/dev/null", kind, "/dev/null", provider.name());
            try (PrDevice device = provider.open(devNull, TransportContext.system())) {
                device.capabilities();
                device.readKeys();
                device.readReservation();
            } catch (DeviceException expected) {
                // NVMe: /dev/null is not a namespace (NVME_IOCTL_ID fails); the open path is what was trained.
            }
        }
    }
}
