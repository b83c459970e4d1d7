package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.ReservationType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An NVMe namespace's reservation logic at the level of the Reservation Register / Acquire / Release / Report
 * commands, modelled on Linux nvmet ({@code drivers/nvme/target/pr.c}).
 *
 * <p>Pure: mutates the given {@link PrState} only. Each host name stands for one host identifier (a
 * registration covers all controllers of the host). Where nvmet and the NVMe base specification differ, this
 * class does what nvmet does; the deviations are listed in {@code docs/simulator.md}.
 */
public final class NvmeNamespace {
    public static final int REGISTER = 0;
    public static final int UNREGISTER = 1;
    public static final int REPLACE = 2;
    public static final int ACQUIRE = 0;
    public static final int PREEMPT = 1;
    public static final int PREEMPT_AND_ABORT = 2;
    public static final int RELEASE = 0;
    public static final int CLEAR = 1;
    /** Dynamic controller model: nvmet reports CNTLID 0xFFFF for every registrant. */
    public static final int DYNAMIC_CNTLID = 0xFFFF;

    private final PrState state;
    private final Faults faults;

    public NvmeNamespace(PrState state, Faults faults) {
        this.state = state;
        this.faults = faults;
    }

    /** The 128-bit host identifier the simulator gives a host name (stable, derived from the name). */
    public static UUID hostId(String host) {
        return UUID.nameUUIDFromBytes(host.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reservation Register. RREGA 0 registers NRKEY (registering the same key again succeeds, another key
     * conflicts); 1 unregisters and 2 replaces, both need CRKEY to match unless IEKEY, and both conflict for a
     * host that is not registered. CPTPL 2/3 set PTPL off/on, 1 is reserved. Every success bumps GEN (nvmet).
     * NRKEY 0 is refused with Invalid Field (nvmet would register key 0; we keep 0 meaning "no key").
     */
    public NvmeStatus register(String host, int rrega, boolean iekey, int cptpl, long crkey, long nrkey) {
        if (!faults.prSupported()) {
            return NvmeStatus.INVALID_OPCODE;
        }
        if (cptpl == 1 || cptpl > 3) {
            return NvmeStatus.INVALID_FIELD;
        }
        Optional<Long> current = state.keyOf(host);
        NvmeStatus status = switch (rrega) {
            case REGISTER -> {
                if (nrkey == 0) {
                    yield NvmeStatus.INVALID_FIELD;
                }
                if (current.isPresent()) {
                    yield current.get() == nrkey ? NvmeStatus.SUCCESS : NvmeStatus.RESERVATION_CONFLICT;
                }
                state.register(host, nrkey);
                yield NvmeStatus.SUCCESS;
            }
            case UNREGISTER -> {
                if (current.isEmpty() || (!iekey && current.get() != crkey)) {
                    yield NvmeStatus.RESERVATION_CONFLICT;
                }
                unregister(host);
                yield NvmeStatus.SUCCESS;
            }
            case REPLACE -> {
                if (nrkey == 0) {
                    yield NvmeStatus.INVALID_FIELD;
                }
                if (current.isEmpty() || (!iekey && current.get() != crkey)) {
                    yield NvmeStatus.RESERVATION_CONFLICT;
                }
                state.register(host, nrkey);
                yield NvmeStatus.SUCCESS;
            }
            default -> NvmeStatus.INVALID_OPCODE;
        };
        if (status.isSuccess()) {
            if (cptpl >= 2) {
                state.setPtpl(cptpl == 3);
            }
            state.bumpGeneration();
        }
        return status;
    }

    /**
     * Reservation Acquire. IEKEY or an RTYPE outside 1..6 (or disabled by fault injection) is Invalid Field;
     * the sender must be registered with CRKEY. Acquire (RACQA 0) conflicts whenever another registrant is
     * nvmet's holder, even for WEAR/EAAR; the holder re-acquiring the same type succeeds. Preempt (1) and
     * preempt-and-abort (2) follow {@link #preempt}; they bump GEN on success, acquire does not.
     */
    public NvmeStatus acquire(String host, int racqa, boolean iekey, int rtype, long crkey, long prkey) {
        if (!faults.prSupported()) {
            return NvmeStatus.INVALID_OPCODE;
        }
        Optional<ReservationType> type = ReservationType.fromNvmeCode(rtype).filter(faults::supports);
        if (iekey || type.isEmpty()) {
            return NvmeStatus.INVALID_FIELD;
        }
        if (!registeredWith(host, crkey)) {
            return NvmeStatus.RESERVATION_CONFLICT;
        }
        return switch (racqa) {
            case ACQUIRE -> acquire(host, type.get());
            case PREEMPT, PREEMPT_AND_ABORT -> {
                NvmeStatus status = preempt(host, type.get(), prkey);
                if (status.isSuccess()) {
                    state.bumpGeneration();
                }
                yield status;
            }
            default -> NvmeStatus.INVALID_OPCODE;
        };
    }

    /**
     * Reservation Release. IEKEY is Invalid Field; the sender must be registered with CRKEY. Release (RRELA 0)
     * by a host that is not nvmet's holder is a successful no-op; the holder with another RTYPE conflicts.
     * Clear (1) drops every registration and the reservation and bumps GEN.
     */
    public NvmeStatus release(String host, int rrela, boolean iekey, int rtype, long crkey) {
        if (!faults.prSupported()) {
            return NvmeStatus.INVALID_OPCODE;
        }
        if (iekey) {
            return NvmeStatus.INVALID_FIELD;
        }
        if (!registeredWith(host, crkey)) {
            return NvmeStatus.RESERVATION_CONFLICT;
        }
        switch (rrela) {
            case RELEASE -> {
                if (!state.holder().map(host::equals).orElse(false)) {
                    return NvmeStatus.SUCCESS;
                }
                if (state.type().orElseThrow().nvmeCode() != rtype) {
                    return NvmeStatus.RESERVATION_CONFLICT;
                }
                state.dropReservation();
                return NvmeStatus.SUCCESS;
            }
            case CLEAR -> {
                state.clearRegistrations();
                state.dropReservation();
                state.bumpGeneration();
                return NvmeStatus.SUCCESS;
            }
            default -> {
                return NvmeStatus.INVALID_OPCODE;
            }
        }
    }

    /**
     * Reservation Report. Hosts have 128-bit identifiers, so without EDS the command fails with Host Identifier
     * Inconsistent Format, as on NVMe-oF. RCSTS is set for nvmet's holder and, under WEAR/EAAR, for everyone.
     */
    public NvmeReply<ReservationReport> report(String host, boolean eds) {
        if (!faults.prSupported()) {
            return NvmeReply.failed(NvmeStatus.INVALID_OPCODE);
        }
        if (!eds) {
            return NvmeReply.failed(NvmeStatus.HOST_ID_INCONSISTENT_FORMAT);
        }
        Optional<ReservationType> type = state.type();
        boolean everyone = type.map(ReservationType::isAllRegistrants).orElse(false);
        String holder = state.holder().orElse(null);
        List<ReservationReport.Registrant> registrants = new ArrayList<>();
        state.registrations().forEach((h, key) -> registrants.add(new ReservationReport.Registrant(
                DYNAMIC_CNTLID, everyone || h.equals(holder), hostId(h), key)));
        return NvmeReply.success(new ReservationReport(state.generation(),
                type.map(ReservationType::nvmeCode).orElse(0), state.ptpl(), registrants));
    }

    /**
     * What Identify reports: empty when the controller has no reservation support (ONCS bit 5 clear), else
     * the RESCAP types and PTPL capability.
     */
    public Optional<Capabilities> reservationCapabilities() {
        if (!faults.prSupported()) {
            return Optional.empty();
        }
        EnumSet<ReservationType> types = EnumSet.allOf(ReservationType.class);
        types.removeAll(faults.unsupportedTypes());
        return Optional.of(new Capabilities(types, true, true));
    }

    private NvmeStatus acquire(String host, ReservationType type) {
        Optional<String> holder = state.holder();
        if (holder.isEmpty()) {
            state.reserve(type, host);
            return NvmeStatus.SUCCESS;
        }
        if (holder.get().equals(host) && state.type().orElseThrow() == type) {
            return NvmeStatus.SUCCESS;
        }
        return NvmeStatus.RESERVATION_CONFLICT;
    }

    /**
     * Preempt as nvmet does it: without a reservation, or under WEAR/EAAR with PRKEY != 0, unregister every host
     * with PRKEY (the sender too; conflict when none); under WEAR/EAAR with PRKEY 0, take the reservation and
     * unregister all others; the holder preempting changes the type only; PRKEY = holder's key moves the
     * reservation to the sender and unregisters the other hosts with that key; another PRKEY only unregisters;
     * PRKEY 0 there is Invalid Field.
     */
    private NvmeStatus preempt(String host, ReservationType type, long prkey) {
        Optional<String> holder = state.holder();
        if (holder.isEmpty()) {
            return unregisterAllWithKey(prkey);
        }
        ReservationType held = state.type().orElseThrow();
        if (held.isAllRegistrants()) {
            if (prkey != 0) {
                return unregisterAllWithKey(prkey);
            }
            state.reserve(type, host);
            otherRegistrants(host).forEach(this::unregister);
            return NvmeStatus.SUCCESS;
        }
        if (holder.get().equals(host)) {
            state.reserve(type, host);
            return NvmeStatus.SUCCESS;
        }
        if (prkey == state.keyOf(holder.get()).orElseThrow()) {
            state.reserve(type, host);
            state.hostsWithKey(prkey).stream().filter(h -> !h.equals(host)).forEach(this::unregister);
            return NvmeStatus.SUCCESS;
        }
        if (prkey != 0) {
            return unregisterAllWithKey(prkey);
        }
        return NvmeStatus.INVALID_FIELD;
    }

    private NvmeStatus unregisterAllWithKey(long prkey) {
        List<String> victims = state.hostsWithKey(prkey);
        if (victims.isEmpty()) {
            return NvmeStatus.RESERVATION_CONFLICT;
        }
        victims.forEach(this::unregister);
        return NvmeStatus.SUCCESS;
    }

    /**
     * Removes a registration. When it was nvmet's holder: an all-registrants reservation passes to the first
     * remaining registrant (and vanishes with the last one); any other reservation is released.
     */
    private void unregister(String host) {
        boolean wasHolder = state.holder().map(host::equals).orElse(false);
        state.removeRegistration(host);
        if (!wasHolder) {
            return;
        }
        ReservationType held = state.type().orElseThrow();
        if (held.isAllRegistrants() && !state.registrations().isEmpty()) {
            state.setHolder(state.registrations().keySet().iterator().next());
        } else {
            state.dropReservation();
        }
    }

    private boolean registeredWith(String host, long key) {
        return state.keyOf(host).map(k -> k == key).orElse(false);
    }

    private List<String> otherRegistrants(String host) {
        return state.registrations().keySet().stream().filter(h -> !h.equals(host)).toList();
    }
}
