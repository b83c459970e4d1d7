package io.lvmpersist.cli.sim;

import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.cli.UsageException;
import io.lvmpersist.cli.output.Printable;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.sim.FailureKind;
import io.lvmpersist.transport.sim.Faults;
import io.lvmpersist.transport.sim.SimSan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "fault", mixinStandardHelpOptions = true,
        description = "Inject faults into the LU behind --device (replaces its previous faults).")
public final class SimFaultCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    SimOptions sim;

    @Option(names = "--device", paramLabel = "PATH", required = true)
    String device;

    @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "0", description = "Added to every command.")
    long latencyMs;

    @Option(names = "--fail-nth", paramLabel = "N", defaultValue = "0",
            description = "The Nth command from now fails (0: none).")
    int failNth;

    @Option(names = "--fail-count", paramLabel = "N", defaultValue = "1", description = "How many commands fail from then on.")
    int failCount;

    @Option(names = "--fail-with", paramLabel = "KIND", defaultValue = "DEVICE_ERROR",
            description = "CONFLICT, DEVICE_ERROR, TIMEOUT or NOT_READY (default DEVICE_ERROR).")
    FailureKind failWith;

    @Option(names = "--no-pr", description = "The device rejects every PR command.")
    boolean noPr;

    @Option(names = "--unsupported-types", paramLabel = "TYPE", split = ",", description = "Types the device rejects.")
    List<ReservationType> unsupportedTypes = List.of();

    @Option(names = "--no-unit-attention", description = "Do not queue unit attentions for other hosts.")
    boolean noUnitAttention;

    @Override
    public Integer call() throws Exception {
        SimSan san = sim.open(spec);
        String lun = SimOptions.lunOf(san, device);
        if (latencyMs < 0 || failNth < 0 || failCount < 1) {
            throw new UsageException("Invalid fault: latency and --fail-nth must be >= 0, --fail-count >= 1.");
        }
        Set<ReservationType> unsupported = unsupportedTypes.isEmpty() ? Set.of() : EnumSet.copyOf(unsupportedTypes);
        Faults faults = Faults.builder()
                .latency(Duration.ofMillis(latencyMs))
                .failNth(failNth, failWith)
                .failCount(failCount)
                .prSupported(!noPr)
                .unitAttentions(!noUnitAttention)
                .unsupportedTypes(unsupported)
                .build();
        san.setFaults(lun, faults);
        spec.commandLine().getOut().println(Printable.escapeControls(device + " (" + lun + "): " + faults));
        return ExitCode.OK;
    }
}
