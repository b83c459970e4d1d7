package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Done;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.sim.model.Outcome;
import io.lvmpersist.transport.sim.model.PrModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state of one ActionChain run: a fresh in-memory SAN with one LU seen by four hosts, and the reference
 * model. {@link #step} sends one command to both and compares every observable afterwards.
 */
final class ChainHarness {
    static final List<String> HOSTS = List.of("h1", "h2", "h3", "h4");
    static final String PATH = "/dev/sim/chain/pv1";

    final SimSan san = SimSan.inMemory();
    final PrModel model;
    private final Map<String, PrDevice> devices = new LinkedHashMap<>();

    /** Generation before and after the last step, and whether that step may legitimately change it. */
    long generationBefore;
    long generationAfter;
    boolean lastStepMayBumpGeneration;
    String lastStep = "(start)";
    /** Coverage: successful operations and reservation types seen during the chain. */
    final java.util.Set<String> reached = new java.util.TreeSet<>();
    int steps;

    /** Commands sent while their host had a unit attention pending (the device resent them itself). */
    int unitAttentions;

    /**
     * @param unitAttentions keep the LU's unit attentions on (SCSI): the simulated device then resends a command
     *                       that got one, as the SG_IO transport does, and the model (which knows nothing of them)
     *                       must still agree
     */
    ChainHarness(Personality personality, PrModel model, boolean unitAttentions) {
        this.model = model;
        san.createLun("chain", personality, personality == Personality.NVME
                ? io.lvmpersist.transport.DeviceClass.NVME : io.lvmpersist.transport.DeviceClass.SCSI);
        san.bind(PATH, "chain");
        san.setFaults("chain", Faults.builder().unitAttentions(unitAttentions).build());
        try {
            for (String host : HOSTS) {
                devices.put(host, san.device(PATH, host));
            }
        } catch (DeviceException e) {
            throw new IllegalStateException(e);
        }
    }

    PrDevice device(String host) {
        return devices.get(host);
    }

    void step(String description, String op, Function<PrDevice, PrResult<Done>> simulated, String host,
              Supplier<Outcome> modelled) {
        generationBefore = generationAfter;
        PrResult<Done> result = sent(host, simulated);
        Outcome expected = modelled.get();
        lastStep = description;
        assertEquals(expected, Outcome.of(result), description + " -> " + result);
        lastStepMayBumpGeneration = result.isOk() && model.bumpsGeneration(op);
        steps++;
        if (result.isOk()) {
            reached.add(op);
        }
        model.type().ifPresent(t -> reached.add(t.isAllRegistrants() ? "AR held" : "single holder"));
        compareObservables(description);
    }

    private void compareObservables(String after) {
        KeyList keys = ok(sent("h1", PrDevice::readKeys));
        generationAfter = keys.generation();
        assertEquals(model.generation(), keys.generation(), "generation after " + after);
        assertEquals(model.keys().stream().map(ReservationKey::of).toList(), keys.keys(), "keys after " + after);
        Reservation reservation = ok(sent("h2", PrDevice::readReservation));
        assertEquals(model.type(), reservation.type(), "type after " + after);
        assertEquals(ReservationKey.of(model.reportedHolderKey()), reservation.holder(), "holder after " + after);
        assertEquals(model.generation(), reservation.generation(), "reservation generation after " + after);
        for (String host : HOSTS) {
            assertEquals(model.keyOf(host), san.registeredKey(PATH, host).map(ReservationKey::value).orElse(0L),
                    "key of " + host + " after " + after);
            assertEquals(model.canAccess(host, true), san.canWrite(PATH, host), host + " write after " + after);
            assertEquals(model.canAccess(host, false), san.canRead(PATH, host), host + " read after " + after);
        }
    }

    /** Sends a command as {@code host}, counting it when a unit attention was pending for that host. */
    private <T> PrResult<T> sent(String host, Function<PrDevice, PrResult<T>> command) {
        if (san.describe().contains("pending unit attention for " + host + ":")) {
            unitAttentions++;
        }
        return command.apply(devices.get(host));
    }

    static <T> T ok(PrResult<T> result) {
        assertTrue(result.isOk(), "read failed: " + result);
        return ((PrResult.Ok<T>) result).value();
    }

    // ---- invariants, checked on the simulator alone after every step ----

    /** Under WE/EA exactly one host (the holder) can write; no reservation type has two single holders. */
    void atMostOneSingleHolder() {
        Reservation r = ok(sent("h1", PrDevice::readReservation));
        if (r.type().isPresent() && !r.type().get().isAllRegistrants()) {
            long writers = HOSTS.stream().filter(h -> san.canWrite(PATH, h)).count();
            if (r.type().get() == ReservationType.WE || r.type().get() == ReservationType.EA) {
                assertEquals(1, writers, "writers under " + r.type().get());
            }
            long holders = HOSTS.stream().filter(h -> san.registeredKey(PATH, h)
                    .map(k -> k.equals(r.holder())).orElse(false)).count();
            assertTrue(holders >= 1, "some host holds the key " + r.holder());
        }
    }

    /** The holder of a non-AR reservation is registered; an AR reservation has at least one registrant. */
    void holderIsRegistered() {
        Reservation r = ok(sent("h1", PrDevice::readReservation));
        KeyList keys = ok(sent("h1", PrDevice::readKeys));
        r.type().ifPresent(type -> {
            if (type.isAllRegistrants()) {
                assertEquals(ReservationKey.NONE, r.holder());
                assertFalse(keys.keys().isEmpty(), "an all-registrants reservation without registrants");
            } else {
                assertTrue(keys.contains(r.holder()), "holder " + r.holder() + " not registered: " + keys);
            }
        });
    }

    /** The generation never decreases, and changes only after a successful generation-bumping step. */
    void generationGrowsOnlyOnTheRightSteps() {
        assertTrue(generationAfter >= generationBefore, "generation went down after " + lastStep);
        if (generationAfter != generationBefore) {
            assertTrue(lastStepMayBumpGeneration, "generation changed after " + lastStep);
        }
    }

    /** A host without a registration can never write while any reservation is held, nor read under EA types. */
    void fencedHostsCannotWrite() {
        Reservation r = ok(sent("h1", PrDevice::readReservation));
        if (r.type().isEmpty()) {
            return;
        }
        for (String host : HOSTS) {
            if (san.registeredKey(PATH, host).isEmpty()) {
                assertFalse(san.canWrite(PATH, host), "fenced " + host + " can write under " + r.type().get());
                if (r.type().get().restrictsReads()) {
                    assertFalse(san.canRead(PATH, host), "fenced " + host + " can read under " + r.type().get());
                }
            }
        }
    }

    void keyZeroNeverRegistered() {
        assertFalse(ok(sent("h1", PrDevice::readKeys)).contains(ReservationKey.NONE), "key 0 registered");
    }

    @Override
    public String toString() {
        return san.describe();
    }
}
