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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

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

    private static final String INTERRUPTED = "interrupted by a signal";

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

    /**
     * Runs {@code work} on every device in parallel; reports come back in device order. After a signal
     * ({@link Interruption}) devices not yet started are skipped.
     */
    public List<DeviceReport> forEachDevice(DeviceWork work) {
        return Parallel.map(targets(), target -> runOn(target, work));
    }

    /**
     * Runs {@code work} on the first device in {@link #acquisitionOrder()} alone and, only when {@code proceed}
     * accepts its report (and no signal came), on the other devices in parallel. Hosts racing for the same
     * devices all start with the same one, so the first device decides the race: the loser stops there and
     * never holds part of the VG. Devices not started are reported as skipped. Reports come in device order.
     */
    public List<DeviceReport> firstThenRest(DeviceWork work, Predicate<DeviceReport> proceed) {
        List<Target> targets = targets();
        int first = acquisitionOrder().getFirst();
        DeviceReport firstReport = runOn(targets.get(first), work);
        String skipReason = Interruption.requested() ? INTERRUPTED
                : proceed.test(firstReport) ? null : "not attempted: the first device " + firstReport.device() + " failed";
        List<Integer> rest = IntStream.range(0, targets.size()).filter(i -> i != first).boxed().toList();
        List<DeviceReport> restReports = Parallel.map(rest, i -> skipReason == null
                ? runOn(targets.get(i), work)
                : skipped(targets.get(i), skipReason));
        List<DeviceReport> reports = new ArrayList<>(restReports);
        reports.add(first, firstReport);
        return reports;
    }

    /**
     * The order in which devices are acquired, as indexes into {@link #targets()}: by the identity every host
     * sees ({@link io.lvmpersist.transport.spi.DeviceMatch#sharedId()}: WWID, NVMe wwid, simulator LU id), then
     * devices without one in the order resolved (the VG's metadata order, sorted by PV UUID, for --vg). The same
     * rule whether devices came from --vg or --device, because vgchange passes --device lists while lvmlockd's
     * fencing passes --vg, and both must pick the same first device.
     */
    public List<Integer> acquisitionOrder() {
        List<Target> targets = targets();
        return IntStream.range(0, targets.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> targets.get(i).match().sharedId().isEmpty())
                        .thenComparing(i -> targets.get(i).match().sharedId()))
                .toList();   // a stable sort: devices without a shared id keep their resolved order
    }

    private DeviceReport runOn(Target target, DeviceWork work) {
        if (Interruption.requested()) {
            return skipped(target, INTERRUPTED);
        }
        DeviceReport report = new DeviceReport(target.path())
                .classified(target.match().deviceClass(), target.match().provider());
        try (LoggingDevice device = new LoggingDevice(transports.open(target.match()))) {
            work.run(target, device, report);
            collectNotices(device, report);
        } catch (DeviceException e) {
            report.fail(e.getMessage(), e.failure()).state("not opened");
        }
        return report;
    }

    private static DeviceReport skipped(Target target, String reason) {
        return new DeviceReport(target.path()).classified(target.match().deviceClass(), target.match().provider())
                .outcome(DeviceReport.Outcome.SKIPPED).state("unchanged (" + reason + ")");
    }

    /** True once a signal asked this process to stop (see {@link Interruption}). */
    public boolean interrupted() {
        return Interruption.requested();
    }

    /** Runs {@code work} on the given reports' devices (a second phase), filling the same reports. */
    public void forEach(List<DeviceReport> reports, DeviceWork work) {
        List<Target> targets = targets();
        Parallel.map(IntStream.range(0, targets.size()).boxed().toList(), i -> {
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
