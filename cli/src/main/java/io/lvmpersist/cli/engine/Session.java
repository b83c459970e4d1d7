package io.lvmpersist.cli.engine;

import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.cli.command.Invocation;
import io.lvmpersist.cli.devices.DeviceSet;
import io.lvmpersist.cli.devices.Target;
import io.lvmpersist.cli.output.DeviceReport;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.DeviceNotices;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.spi.Transports;

import java.util.List;

/**
 * One command's devices and the means to work on them: each device is opened in its own
 * (virtual) thread, so per-device steps keep their order while devices proceed side by side.
 */
public final class Session {

    /** The work of one command on one device. */
    @FunctionalInterface
    public interface DeviceWork {
        void run(Target target, PrDevice device, DeviceReport report);
    }

    private final Invocation invocation;
    private final Transports transports;
    private final DeviceSet devices;

    public Session(Invocation invocation, Transports transports, DeviceSet devices) {
        this.invocation = invocation;
        this.transports = transports;
        this.devices = devices;
    }

    public Invocation invocation() {
        return invocation;
    }

    public List<Target> targets() {
        return devices.targets();
    }

    public List<String> missingPvs() {
        return devices.missingPvs();
    }

    public String group() {
        return invocation.group();
    }

    /** The reservation type this command uses on the target's device class. */
    public ReservationType typeFor(Target target) {
        return invocation.policy().typeFor(target.match().deviceClass());
    }

    /** Runs {@code work} on every device in parallel; reports come back in device order. */
    public List<DeviceReport> forEachDevice(DeviceWork work) {
        return Parallel.map(targets(), target -> {
            DeviceReport report = new DeviceReport(target.path())
                    .classified(target.match().deviceClass(), target.match().provider());
            try (LoggingDevice device = new LoggingDevice(transports.open(target.match()))) {
                work.run(target, device, report);
                collectNotices(device, report);
            } catch (DeviceException e) {
                report.fail(e.getMessage(), e.failure()).state("not opened");
            }
            return report;
        });
    }

    /** Runs {@code work} on the given reports' devices (a second phase), filling the same reports. */
    public void forEach(List<DeviceReport> reports, DeviceWork work) {
        List<Target> targets = targets();
        Parallel.map(java.util.stream.IntStream.range(0, targets.size()).boxed().toList(), i -> {
            Target target = targets.get(i);
            DeviceReport report = reports.get(i);
            try (LoggingDevice device = new LoggingDevice(transports.open(target.match()))) {
                work.run(target, device, report);
                collectNotices(device, report);
            } catch (DeviceException e) {
                report.fail(e.getMessage(), e.failure());
            }
            return report;
        });
    }

    /** Multipath maps report failed paths and multipathd's configuration: keep them for the user. */
    private static void collectNotices(LoggingDevice device, DeviceReport report) {
        if (device.delegate() instanceof DeviceNotices notices) {
            notices.notices().forEach(report::notice);
        }
    }

    /** The exit code for failed devices: a reservation conflict is reported as such. */
    public static int exitCodeFor(List<DeviceReport> reports) {
        boolean failed = false;
        for (DeviceReport report : reports) {
            if (report.failed()) {
                failed = true;
                if (report.failure() instanceof Failure.ReservationConflict) {
                    return ExitCode.CONFLICT;
                }
            }
        }
        return failed ? ExitCode.FAILED : ExitCode.OK;
    }
}
