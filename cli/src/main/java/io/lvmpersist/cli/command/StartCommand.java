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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * start: register our key and take the reservation on every device, then verify by reading back.
 * With --removekey it is a takeover (see {@link Takeover}).
 *
 * <p>Devices are acquired in an order every host shares ({@link Session#firstThenRest}): the first device
 * alone, then the others in parallel, so of several hosts racing for the VG exactly one gets past the first
 * device and the others stop there. A failed start keeps our registration (a key is not ownership of a WE
 * reservation; {@code stop} removes it, as upstream lvmpersist does since bb916d2efe86), releases the
 * WE/EA reservations this run took, and gives back a key of this host that our registration replaced. The
 * report then says what is true on each device, read back.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Register --ourkey and reserve every device (WE for --access ex, WEAR for sh).",
                "With --removekey: take over from the host with that key (preempt-and-abort)."})
public final class StartCommand extends PrCommand {

    /** What this run did on one device, so a failed run undoes exactly that. */
    static final class Progress {
        boolean registeredBefore;
        /** This host's earlier key that our registration replaced (REGISTER AND IGNORE EXISTING KEY), or null. */
        ReservationKey replaced;
        /** This run sent a RESERVE for a single-holder type that we did not hold before. */
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
            return refuse(session, result, support);
        }

        // 2. The first device alone, then the rest in parallel: register -> reserve -> verify.
        Map<String, Progress> progress = new ConcurrentHashMap<>();
        List<DeviceReport> reports = session.firstThenRest((target, device, report) -> {
            Progress p = new Progress();
            progress.put(target.path(), p);
            registerReserveVerify(session, target, device, report, p);
        }, report -> !report.failed());
        if (reports.stream().noneMatch(DeviceReport::failed) && !session.interrupted()) {
            return result.devices(reports).info("started " + group + " with key " + ourKey + ".");
        }

        // 3. Undo what must not outlive a failed start, then say what is true on every device.
        reports.stream().filter(DeviceReport::failed).forEach(d -> result.error(d.error()));
        session.forEach(reports, (target, device, report) -> undoAndReadBack(session, target, device, report,
                progress.get(target.path())));
        reports.forEach(d -> result.error("start " + group + ": " + d.device() + ": " + d.state()));
        int code = Session.exitCodeFor(reports);
        return result.devices(reports).exitCode(code == ExitCode.OK ? ExitCode.FAILED : code);
    }

    /** Some device cannot take the type (or PTPL): nothing was changed. */
    static CommandReport refuse(Session session, CommandReport result, List<DeviceReport> support) {
        support.stream().filter(DeviceReport::failed).forEach(d -> result.error(d.error()));
        result.error("start " + session.group() + ": no device was changed.");
        boolean unsupported = support.stream().anyMatch(d -> d.failure() instanceof Failure.NotSupported);
        return result.devices(support).exitCode(unsupported ? ExitCode.DEVICE : Session.exitCodeFor(support));
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
        KeyList keysBefore = ((PrResult.Ok<KeyList>) before).value();
        p.registeredBefore = keysBefore.contains(ourKey);

        PrResult<Done> registered = device.register(ReservationKey.NONE, ourKey, true, session.invocation().ptpl());
        if (registered.failureOrNull() != null) {
            report.fail("start " + group + " failed to register our key on " + report.device() + ": "
                    + registered.failureOrNull().message(), registered.failureOrNull());
            return;
        }
        report.state("registered " + ourKey);
        if (!p.registeredBefore) {
            // Registering ignores and REPLACES a key this host already had (SCSI REGISTER AND IGNORE EXISTING
            // KEY, NVMe rrega=2), and a reservation it held now carries our key: note it, a failure gives it back.
            PrResult<KeyList> after = device.readKeys();
            if (after.failureOrNull() != null) {
                report.fail("start " + group + " cannot read keys on " + report.device() + " after registering: "
                        + after.failureOrNull().message(), after.failureOrNull());
                return;
            }
            p.replaced = replacedKey(keysBefore, ((PrResult.Ok<KeyList>) after).value(), ourKey);
        }

        PrResult<Reservation> current = device.readReservation();
        if (current.failureOrNull() != null) {
            report.fail("start " + group + " cannot read the reservation of " + report.device() + ": "
                    + current.failureOrNull().message(), current.failureOrNull());
            return;
        }
        Reservation held = ((PrResult.Ok<Reservation>) current).value();
        boolean alreadyOurs = held.type().equals(Optional.of(type))
                && (type.isAllRegistrants() || held.holder().equals(ourKey));
        if (!alreadyOurs) {
            // An all-registrants reservation belongs to every registrant: a failed start never releases it.
            p.reserved = !type.isAllRegistrants();
            PrResult<Done> reserved = device.reserve(ourKey, type);
            if (reserved.failureOrNull() != null && !(type.isAllRegistrants() && nowHeld(device, type))) {
                // WEAR/EAAR race (lvm 2.03.42): another host's start may have created it meanwhile.
                report.fail("start " + group + " failed to reserve " + report.device() + ": "
                        + reserved.failureOrNull().message() + describeHolder(device), reserved.failureOrNull());
                return;
            }
        }
        report.state("registered " + ourKey + ", reservation " + type + " held");
        verify(group, ourKey, type, device, report, null);
    }

    /**
     * The key our registration replaced: one that lost a registration while ours gained one. Null when our key
     * gained none or the change is ambiguous (another host changed the device meanwhile).
     */
    static ReservationKey replacedKey(KeyList before, KeyList after, ReservationKey ourKey) {
        if (count(after, ourKey) <= count(before, ourKey)) {
            return null;
        }
        List<ReservationKey> lost = before.keys().stream().distinct()
                .filter(k -> !k.equals(ourKey) && count(after, k) < count(before, k)).toList();
        return lost.size() == 1 ? lost.getFirst() : null;
    }

    private static long count(KeyList keys, ReservationKey key) {
        return keys.keys().stream().filter(key::equals).count();
    }

    private static boolean nowHeld(PrDevice device, ReservationType type) {
        return device.readReservation() instanceof PrResult.Ok<Reservation> ok
                && ok.value().type().equals(Optional.of(type));
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
        ReadBack.Reads read = ReadBack.read(device, report);
        PrResult<KeyList> keys = read.keys();
        PrResult<Reservation> reservation = read.reservation();
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
        } else if (!r.type().equals(Optional.of(type))) {
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

    /**
     * After a failed start: releases the single-holder reservation this run took (our key stays registered, as
     * upstream lvmpersist does), gives back the key of this host that our registration replaced, then reads the
     * device back so the report states what is true.
     */
    private static void undoAndReadBack(Session session, Target target, PrDevice device, DeviceReport report,
                                        Progress p) {
        ReservationKey ourKey = session.invocation().ourKey();
        StringBuilder undone = new StringBuilder();
        if (report.outcome() == DeviceReport.Outcome.SKIPPED) {
            undone.append("not attempted; ");
        }
        if (p != null && p.reserved) {
            ReservationType type = session.typeFor(target);
            PrResult<Reservation> now = device.readReservation();
            if (now.failureOrNull() != null) {
                undone.append(undoStep(report, "check whether this run's " + type + " reservation must be released",
                        "", PrResult.failed(now.failureOrNull())));
            } else if (((PrResult.Ok<Reservation>) now).value().holder().equals(ourKey)
                    && ((PrResult.Ok<Reservation>) now).value().type().equals(Optional.of(type))) {
                undone.append(undoStep(report, "release the " + type + " reservation this run took",
                        "released the " + type + " reservation this run took", device.release(ourKey, type)));
            }
        }
        if (p != null && p.replaced != null) {
            PrResult<Done> restore = device.register(ourKey, p.replaced, false, session.invocation().ptpl());
            undone.append(undoStep(report, "give back key " + p.replaced + " that " + ourKey + " replaced",
                    "gave back key " + p.replaced + " that " + ourKey + " had replaced", restore));
        }
        String now = p != null && p.replaced != null
                ? ReadBack.into(device, report, ourKey, p.replaced)
                : ReadBack.into(device, report, ourKey);
        report.state(undone + now);
    }

    private static String undoStep(DeviceReport report, String what, String done, PrResult<Done> result) {
        if (result.failureOrNull() == null) {
            return done + "; ";
        }
        report.fail("start: cannot " + what + " on " + report.device() + ": " + result.failureOrNull().message(),
                result.failureOrNull());
        return "UNDO FAILED: cannot " + what + " (run stop, or check with read); ";
    }
}
