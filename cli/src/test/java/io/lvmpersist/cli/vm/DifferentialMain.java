package io.lvmpersist.cli.vm;

import io.lvmpersist.cli.engine.LoggingDevice;
import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import io.lvmpersist.transport.spi.TransportContext;
import io.lvmpersist.transport.spi.Transports;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Differential test, run inside the test VM: the same seeded random sequence of PR commands from
 * two hosts goes to a real target (LIO through SG_IO, nvmet through NVMe passthrough, via our
 * transports) and to the simulator, and every step's outcome and the resulting state (keys,
 * reservation type and holder, generation since the start) are compared.
 *
 * <p>Usage: {@code DifferentialMain SEED[,SEED...] STEPS scsi|nvme HOST_A_NODE HOST_B_NODE [...more groups]}.
 * Exit 0 when both sides agreed on every step, 1 otherwise; every difference is printed.
 */
public final class DifferentialMain {
    private static final ReservationKey[] KEYS = {ReservationKey.of(0x11), ReservationKey.of(0x22),
            ReservationKey.of(0x33)};
    private static final ReservationKey RESET_KEY = ReservationKey.of(0xdead);

    private DifferentialMain() {
    }

    /** One random command, applied the same way to both sides. */
    record Step(int host, String op, ReservationKey key, ReservationKey other, ReservationType type) {
        PrResult<?> apply(PrDevice device) {
            return switch (op) {
                case "register-ignore" -> device.register(ReservationKey.NONE, key, true, false);
                case "register" -> device.register(key, other, false, false);
                case "unregister" -> device.unregister(key);
                case "reserve" -> device.reserve(key, type);
                case "release" -> device.release(key, type);
                case "preempt" -> device.preempt(key, other, type, false);
                case "preempt-abort" -> device.preempt(key, other, type, true);
                case "clear" -> device.clear(key);
                default -> throw new IllegalStateException(op);
            };
        }

        @Override
        public String toString() {
            return (host == 0 ? "A" : "B") + " " + op + " key=" + key
                    + (other != null ? " other=" + other : "") + (type != null ? " " + type : "");
        }
    }

    static Step randomStep(Random random) {
        String[] ops = {"register-ignore", "register-ignore", "register", "unregister", "reserve", "reserve",
                "release", "preempt", "preempt-abort", "clear"};
        String op = ops[random.nextInt(ops.length)];
        ReservationKey key = KEYS[random.nextInt(KEYS.length)];
        ReservationKey other = KEYS[random.nextInt(KEYS.length)];
        ReservationType type = ReservationType.values()[random.nextInt(ReservationType.values().length)];
        boolean needsOther = op.equals("register") || op.startsWith("preempt");
        boolean needsType = op.equals("reserve") || op.equals("release") || op.startsWith("preempt");
        return new Step(random.nextInt(2), op, key, needsOther ? other : null, needsType ? type : null);
    }

    /** The coarse outcome both sides must agree on. */
    static String category(PrResult<?> result) {
        Failure f = result.failureOrNull();
        if (f == null) {
            return "OK";
        }
        return switch (f) {
            case Failure.ReservationConflict c -> "CONFLICT";
            case Failure.NotSupported n -> "REJECTED";
            case Failure.DeviceError d -> "REJECTED";
            case Failure.Retryable r -> "RETRYABLE";
            case Failure.Timeout t -> "TIMEOUT";
        };
    }

    /**
     * Target-specific, documented: LIO answers a RESERVE, RELEASE, CLEAR or PREEMPT from an unregistered
     * I_T nexus with NOT READY / LOGICAL UNIT COMMUNICATION FAILURE (02/08/00) where SPC-4 (and the simulator)
     * say RESERVATION CONFLICT. The command is refused either way.
     */
    static boolean lioUnregisteredNexus(PrResult<?> result) {
        return result.failureOrNull() instanceof Failure.DeviceError e && e.raw().contains("sense=0x2/0x08/0x00");
    }

    /**
     * Target-specific, documented: LIO keeps one internal holder even for an all-registrants reservation,
     * and a PREEMPT whose service action key is that registrant's key replaces the reservation with the
     * requested type held by the caller; SPC-4 (and the simulator) only remove the registrations then.
     * Recognised as: the reservation before was WEAR/EAAR, both sides agreed on the outcome and the keys,
     * and the target now holds the requested type.
     */
    static boolean lioPreemptOfAllRegistrantsHolder(Step step, String before, String realOutcome, String simOutcome,
                                                    String realState, String simState) {
        boolean allRegistrantsBefore = before.contains("reservation=WEAR ") || before.contains("reservation=EAAR ");
        return step.op().startsWith("preempt") && allRegistrantsBefore && realOutcome.equals(simOutcome)
                && keysOf(realState).equals(keysOf(simState))
                && realState.contains("reservation=" + step.type().name() + " ");
    }

    private static String keysOf(String state) {
        int end = state.indexOf(" reservation=");
        return end < 0 ? state : state.substring(0, end);
    }

    static String detail(PrResult<?> result) {
        Failure f = result.failureOrNull();
        return f == null ? "ok" : f.getClass().getSimpleName() + ": " + f.message() + " [" + f.raw() + "]";
    }

    /** Keys, reservation and generation (relative to the start) as one comparable line. */
    static String state(PrDevice observer, long baseGeneration) {
        PrResult<KeyList> keys = observer.readKeys();
        PrResult<Reservation> reservation = observer.readReservation();
        if (!(keys instanceof PrResult.Ok<KeyList> k) || !(reservation instanceof PrResult.Ok<Reservation> r)) {
            return "unreadable: " + category(keys) + "/" + category(reservation);
        }
        List<String> sorted = k.value().keys().stream().sorted().map(ReservationKey::toString).toList();
        Reservation res = r.value();
        return "keys=" + sorted + " reservation=" + res.type().map(Enum::name).orElse("none")
                + (res.type().isPresent() && !res.type().get().isAllRegistrants() ? " holder=" + res.holder() : "")
                + " generation=+" + (k.value().generation() - baseGeneration);
    }

    /** Leaves a device with no registration and no reservation, the way clear does. */
    static long reset(PrDevice device) {
        device.register(ReservationKey.NONE, RESET_KEY, true, false);
        device.clear(RESET_KEY);
        return ((PrResult.Ok<KeyList>) device.readKeys()).value().generation();
    }

    static int run(long seed, int steps, Personality personality, PrDevice realA, PrDevice realB) {
        SimSan san = SimSan.inMemory();
        san.createLun("lu", personality, personality == Personality.NVME ? DeviceClass.NVME : DeviceClass.SCSI);
        san.bind("/sim/lu", "lu");
        try (PrDevice simA = new LoggingDevice(san.device("/sim/lu", "hostA"));
             PrDevice simB = new LoggingDevice(san.device("/sim/lu", "hostB"))) {
            PrDevice[] real = {realA, realB};
            PrDevice[] sim = {simA, simB};
            long realBase = reset(realA);
            long simBase = reset(simA);
            Random random = new Random(seed);
            int differences = 0;
            String before = state(realA, realBase);
            for (int i = 1; i <= steps; i++) {
                Step step = randomStep(random);
                PrResult<?> realResult = step.apply(real[step.host()]);
                PrResult<?> simResult = step.apply(sim[step.host()]);
                String realOutcome = lioUnregisteredNexus(realResult) ? "CONFLICT" : category(realResult);
                String simOutcome = category(simResult);
                String realState = state(realA, realBase);
                String simState = state(simA, simBase);
                boolean same = realOutcome.equals(simOutcome) && realState.equals(simState);
                boolean lioSpecific = !same && personality == Personality.SCSI
                        && lioPreemptOfAllRegistrantsHolder(step, before, realOutcome, simOutcome, realState, simState);
                System.out.printf("%s seed=%d step %d: %s -> real %s, sim %s%s%n", personality, seed, i, step,
                        realOutcome, simOutcome, same ? "" : lioSpecific
                                ? "   (documented LIO behaviour: PREEMPT of the all-registrants holder's key)"
                                : "   <<< DIFFERENT");
                if (lioSpecific) {
                    System.out.println("    real: " + realState);
                    System.out.println("    sim:  " + simState);
                    realBase = reset(realA);
                    simBase = reset(simA);
                    before = state(realA, realBase);
                    continue;
                }
                if (!same) {
                    differences++;
                    System.out.println("    real outcome: " + detail(realResult));
                    System.out.println("    sim outcome:  " + detail(simResult));
                    System.out.println("    real: " + realState);
                    System.out.println("    sim:  " + simState);
                    // Continue from equal ground: bring both sides back to an empty state.
                    realBase = reset(realA);
                    simBase = reset(simA);
                    before = state(realA, realBase);
                    continue;
                }
                before = realState;
            }
            reset(realA);
            return differences;
        } catch (io.lvmpersist.transport.DeviceException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args[1]);
        Transports transports = Transports.load(TransportContext.system());
        int differences = 0;
        List<String> summary = new ArrayList<>();
        // several seeds in one JVM: under the test VM's emulated CPU every JVM start costs 5-30 s
        for (String seedArg : args[0].split(",")) {
            long seed = Long.parseLong(seedArg.trim());
            for (int i = 2; i + 2 < args.length + 1; i += 3) {
                Personality personality = args[i].equals("nvme") ? Personality.NVME : Personality.SCSI;
                try (PrDevice a = new LoggingDevice(transports.open(transports.match(args[i + 1])));
                     PrDevice b = new LoggingDevice(transports.open(transports.match(args[i + 2])))) {
                    int found = run(seed, steps, personality, a, b);
                    differences += found;
                    summary.add(personality + " (" + args[i + 1] + ", " + args[i + 2] + "), seed " + seed + ": "
                            + steps + " steps, " + found + " differences");
                }
            }
        }
        summary.forEach(s -> System.out.println("differential: " + s));
        System.exit(differences == 0 ? 0 : 1);
    }
}
