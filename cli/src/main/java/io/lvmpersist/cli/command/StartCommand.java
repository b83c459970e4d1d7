package io.lvmpersist.cli.command;

import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.cli.devices.Target;
import io.lvmpersist.cli.engine.Session;
import io.lvmpersist.cli.output.CommandReport;
import io.lvmpersist.cli.output.DeviceReport;
import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.Done;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * start: register our key and take the reservation on every device, then verify by reading back.
 * With --removekey it is a takeover (see {@link Takeover}). All-or-nothing: when a device fails,
 * what this run changed is undone, and only that (a registration that existed before stays).
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Register --ourkey and reserve every device (WE for --access ex, WEAR for sh).",
                "With --removekey: take over from the host with that key (preempt-and-abort)."})
public final class StartCommand extends PrCommand {

    /** What this run did on one device, so a rollback undoes exactly that. */
    static final class Progress {
        boolean registeredBefore;
        boolean registered;
        boolean reserved;
        boolean preempted;
    }

    @Override
    protected boolean logsToSyslog() {
        return true;
    }

    @Override
    protected InvocationParser.Needs needs() {
        return InvocationParser.Needs.OUR_KEY;
    }

    @Override
    protected CommandReport execute(Session session) {
        if (session.invocation().removeKey() != null) {
            return new Takeover(session.invocation().command(), session).run();
        }
        String group = session.group();
        ReservationKey ourKey = session.invocation().ourKey();
        CommandReport result = new CommandReport(session.invocation().command(), group);

        // 1. Nothing is changed unless every device supports the type.
        List<DeviceReport> support = session.forEachDevice((target, device, report) ->
                checkSupport(session, target, device, report));
        if (support.stream().anyMatch(DeviceReport::failed)) {
            support.stream().filter(DeviceReport::failed).forEach(d -> result.error(d.error()));
            result.error("start " + group + ": no device was changed.");
            boolean unsupported = support.stream().anyMatch(d -> d.failure() instanceof Failure.NotSupported);
            return result.devices(support).exitCode(unsupported ? ExitCode.DEVICE : Session.exitCodeFor(support));
        }

        // 2. Per device, in parallel: register -> reserve -> verify.
        Map<String, Progress> progress = new ConcurrentHashMap<>();
        List<DeviceReport> reports = session.forEachDevice((target, device, report) -> {
            Progress p = new Progress();
            progress.put(target.path(), p);
            registerReserveVerify(session, target, device, report, p);
        });
        if (reports.stream().noneMatch(DeviceReport::failed)) {
            return result.devices(reports).info("started " + group + " with key " + ourKey + ".");
        }

        // 3. Undo what this run changed, on every device.
        reports.stream().filter(DeviceReport::failed).forEach(d -> result.error(d.error()));
        session.forEach(reports, (target, device, report) -> rollBack(session, target, device, report,
                progress.get(target.path())));
        reports.forEach(d -> result.error("start " + group + ": " + d.device() + ": " + d.state()));
        return result.devices(reports).exitCode(Session.exitCodeFor(reports));
    }

    static void checkSupport(Session session, Target target, PrDevice device, DeviceReport report) {
        ReservationType type = session.typeFor(target);
        report.type(type.name());
        String unsupported = "start " + session.group() + " " + report.device()
                + " does not support reservation type " + type + ".";
        switch (device.capabilities()) {
            case PrResult.Ok<Capabilities> ok -> {
                if (ok.value().typesReported() && !ok.value().supports(type)) {
                    report.fail(unsupported, new Failure.NotSupported(Failure.Unsupported.TYPE, type.name(), ""));
                } else if (session.invocation().ptpl() && !ok.value().ptplCapable()) {
                    report.fail("start " + session.group() + " " + report.device()
                                    + " does not support persist through power loss (--ptpl).",
                            new Failure.NotSupported(Failure.Unsupported.FIELD, "PTPL", ""));
                }
            }
            case PrResult.Failed<Capabilities> failed -> {
                if (failed.failure() instanceof Failure.NotSupported) {
                    report.fail(unsupported, failed.failure());
                } else {
                    report.fail("start " + session.group() + " cannot read the capabilities of " + report.device()
                            + ": " + failed.failure().message(), failed.failure());
                }
            }
        }
        report.state("unchanged");
    }

    private static void registerReserveVerify(Session session, Target target, PrDevice device, DeviceReport report,
                                              Progress p) {
        String group = session.group();
        ReservationKey ourKey = session.invocation().ourKey();
        ReservationType type = session.typeFor(target);
        report.type(type.name()).state("unchanged");

        PrResult<KeyList> before = device.readKeys();
        if (before.failureOrNull() != null) {
            report.fail("start " + group + " cannot read keys on " + report.device() + ": "
                    + before.failureOrNull().message(), before.failureOrNull());
            return;
        }
        p.registeredBefore = ((PrResult.Ok<KeyList>) before).value().contains(ourKey);
        PrResult<Reservation> reservationBefore = device.readReservation();
        Reservation heldBefore = reservationBefore instanceof PrResult.Ok<Reservation> ok ? ok.value() : null;

        PrResult<Done> registered = device.register(ReservationKey.NONE, ourKey, true, session.invocation().ptpl());
        if (registered.failureOrNull() != null) {
            report.fail("start " + group + " failed to register our key on " + report.device() + ": "
                    + registered.failureOrNull().message(), registered.failureOrNull());
            return;
        }
        p.registered = !p.registeredBefore;
        report.state("registered " + ourKey);

        boolean alreadyHeld = heldBefore != null && heldBefore.type().equals(java.util.Optional.of(type))
                && (type.isAllRegistrants() || heldBefore.holder().equals(ourKey));
        if (!(type.isAllRegistrants() && alreadyHeld)) {
            PrResult<Done> reserved = device.reserve(ourKey, type);
            if (reserved.failureOrNull() != null && !(type.isAllRegistrants() && nowHeld(device, type))) {
                // WEAR/EAAR race (lvm 2.03.42): another host's start may have created it meanwhile.
                report.fail("start " + group + " failed to reserve " + report.device() + ": "
                        + reserved.failureOrNull().message() + describeHolder(device), reserved.failureOrNull());
                return;
            }
        }
        p.reserved = !alreadyHeld;
        report.state("registered " + ourKey + ", reservation " + type + " held");
        verify(group, ourKey, type, device, report, null);
    }

    private static boolean nowHeld(PrDevice device, ReservationType type) {
        return device.readReservation() instanceof PrResult.Ok<Reservation> ok
                && ok.value().type().equals(java.util.Optional.of(type));
    }

    /** " (held by 0x..)" when another host holds a reservation: the admin's next question. */
    static String describeHolder(PrDevice device) {
        if (device.readReservation() instanceof PrResult.Ok<Reservation> ok && ok.value().isHeld()) {
            Reservation r = ok.value();
            return r.type().get().isAllRegistrants()
                    ? " (" + r.type().get() + " is held by the registrants)"
                    : " (" + r.type().get() + " is held by key " + r.holder() + ")";
        }
        return "";
    }

    /** Reads keys and reservation back; marks the device failed when they are not what was asked for. */
    static void verify(String group, ReservationKey ourKey, ReservationType type, PrDevice device,
                       DeviceReport report, ReservationKey mustBeGone) {
        PrResult<KeyList> keys = device.readKeys();
        PrResult<Reservation> reservation = device.readReservation();
        if (keys instanceof PrResult.Ok<KeyList> k) {
            report.keys(k.value());
        }
        if (reservation instanceof PrResult.Ok<Reservation> r) {
            report.reservation(r.value());
        }
        Failure readFailure = keys.failureOrNull() != null ? keys.failureOrNull() : reservation.failureOrNull();
        if (readFailure != null) {
            report.fail("start " + group + " cannot verify " + report.device() + ": " + readFailure.message(),
                    readFailure);
            return;
        }
        KeyList k = ((PrResult.Ok<KeyList>) keys).value();
        Reservation r = ((PrResult.Ok<Reservation>) reservation).value();
        String problem = null;
        if (!k.contains(ourKey)) {
            problem = "key " + ourKey + " is not registered";
        } else if (mustBeGone != null && k.contains(mustBeGone)) {
            problem = "key " + mustBeGone + " is still registered";
        } else if (mustBeGone != null && onlyRegistrantOfAllRegistrantsType(r, k, ourKey)) {
            // Takeover of a device shared under WEAR/EAAR: preempting a key leaves the all-registrants
            // reservation in place (SPC-4), and with only our key left it is exclusive to us.
            report.state("taken over: " + mustBeGone + " removed; " + ourKey + " is the only registrant of the "
                    + r.type().get() + " reservation");
        } else if (!r.type().equals(java.util.Optional.of(type))) {
            problem = "reservation is " + r.type().map(Enum::name).orElse("none") + ", not " + type;
        } else if (!type.isAllRegistrants() && !r.holder().equals(ourKey)) {
            problem = "reservation is held by " + r.holder() + ", not " + ourKey;
        }
        if (problem != null) {
            report.fail("start " + group + " verification failed on " + report.device() + ": " + problem + ".",
                    new Failure.DeviceError("verification failed: " + problem, ""));
        }
    }

    private static boolean onlyRegistrantOfAllRegistrantsType(Reservation r, KeyList keys, ReservationKey ourKey) {
        return r.type().filter(ReservationType::isAllRegistrants).isPresent()
                && keys.keys().stream().allMatch(ourKey::equals);
    }

    private static void rollBack(Session session, Target target, PrDevice device, DeviceReport report, Progress p) {
        ReservationKey ourKey = session.invocation().ourKey();
        if (p == null || (!p.registered && !p.reserved)) {
            report.state(p != null && p.registeredBefore
                    ? "unchanged (key " + ourKey + " was registered before this run and is kept)"
                    : "unchanged");
            return;
        }
        PrResult<Done> undo = p.registered
                ? device.unregister(ourKey)
                : device.release(ourKey, session.typeFor(target));
        if (undo.failureOrNull() != null) {
            report.fail("rollback failed on " + report.device() + ": " + undo.failureOrNull().message(),
                    undo.failureOrNull());
            report.state("ROLLBACK FAILED: " + report.state() + " (run stop, or check with read)");
            return;
        }
        report.state(p.registered ? "rolled back: key " + ourKey + " unregistered"
                : "rolled back: reservation released; key " + ourKey + " was registered before and is kept");
    }
}
