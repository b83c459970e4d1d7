package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * An SPC-4 logical unit's persistent-reservation logic, at the level of PR IN / PR OUT commands.
 *
 * <p>Pure: no I/O, no clock. It mutates the {@link PrState} it was given, so the caller decides
 * where the state lives and how it is locked. Each host name stands for one I_T nexus. The rules follow the
 * SPC table in {@code pr-wire-facts-and-anchors.md} A1 (SPC-4 as LIO implements it); the Javadoc of each
 * private method names the rule rows it implements.
 */
public final class ScsiLun {
    private final PrState state;
    private final Faults faults;

    public ScsiLun(PrState state, Faults faults) {
        this.state = state;
        this.faults = faults;
    }

    /** Executes one PERSISTENT RESERVE OUT command sent by {@code host}. */
    public ScsiStatus persistentReserveOut(String host, ProutCommand command) {
        Optional<ScsiStatus> refused = refuse(host);
        if (refused.isPresent()) {
            return refused.get();
        }
        return switch (command.action()) {
            case REGISTER -> register(host, command, false);
            case REGISTER_AND_IGNORE_EXISTING_KEY -> register(host, command, true);
            case RESERVE -> reserve(host, command);
            case RELEASE -> release(host, command);
            case CLEAR -> clear(host, command);
            case PREEMPT, PREEMPT_AND_ABORT -> preempt(host, command);
        };
    }

    /** PR IN READ KEYS: generation and every registered key, in registration order. */
    public ScsiReply<KeyList> readKeys(String host) {
        Optional<ScsiStatus> refused = refuse(host);
        if (refused.isPresent()) {
            return ScsiReply.failed(refused.get());
        }
        List<ReservationKey> keys = new ArrayList<>();
        state.registrations().values().forEach(k -> keys.add(ReservationKey.of(k)));
        return ScsiReply.good(new KeyList(state.generation(), keys));
    }

    /** PR IN READ RESERVATION: the key field is 0 under all-registrants types. */
    public ScsiReply<Reservation> readReservation(String host) {
        Optional<ScsiStatus> refused = refuse(host);
        if (refused.isPresent()) {
            return ScsiReply.failed(refused.get());
        }
        Optional<ReservationType> type = state.type();
        if (type.isEmpty()) {
            return ScsiReply.good(Reservation.none(state.generation()));
        }
        ReservationKey key = type.get().isAllRegistrants() ? ReservationKey.NONE
                : ReservationKey.of(state.keyOf(state.holder().orElseThrow()).orElseThrow());
        return ScsiReply.good(new Reservation(state.generation(), type, key));
    }

    /** PR IN REPORT CAPABILITIES: TMV=1 with the supported types, PTPL_C=1. */
    public ScsiReply<Capabilities> reportCapabilities(String host) {
        Optional<ScsiStatus> refused = refuse(host);
        if (refused.isPresent()) {
            return ScsiReply.failed(refused.get());
        }
        EnumSet<ReservationType> types = EnumSet.allOf(ReservationType.class);
        types.removeAll(faults.unsupportedTypes());
        return ScsiReply.good(new Capabilities(types, true, true));
    }

    // A LU without PR support rejects the opcode; otherwise a pending unit attention is reported
    // instead of executing the command (and is then cleared), as SAM requires.
    private Optional<ScsiStatus> refuse(String host) {
        if (!faults.prSupported()) {
            return Optional.of(ScsiStatus.INVALID_OPCODE);
        }
        return state.takeUnitAttention(host).map(ScsiStatus::unitAttention);
    }

    /**
     * REGISTER / REGISTER AND IGNORE EXISTING KEY. Rows: unregistered with RK != 0 conflicts; registered
     * with RK != own key conflicts; IGNORE skips the RK check; SARK 0 unregisters (releasing a non-AR
     * reservation held by this host). An unregistered host registering SARK 0 is a GOOD no-op without a
     * generation change (as LIO does); every other success bumps PRgeneration.
     */
    private ScsiStatus register(String host, ProutCommand command, boolean ignoreExisting) {
        Optional<Long> current = state.keyOf(host);
        if (!ignoreExisting && command.key() != current.orElse(0L)) {
            return ScsiStatus.RESERVATION_CONFLICT;
        }
        if (current.isEmpty() && command.saKey() == 0) {
            return ScsiStatus.GOOD;
        }
        if (command.saKey() == 0) {
            unregister(host);
        } else {
            state.register(host, command.saKey());
        }
        state.setPtpl(command.aptpl());
        state.bumpGeneration();
        return ScsiStatus.GOOD;
    }

    /** RESERVE. Rows: another holder conflicts; the holder with the same type is idempotent, another type conflicts. */
    private ScsiStatus reserve(String host, ProutCommand command) {
        Optional<ReservationType> type = supportedType(command.type());
        if (type.isEmpty()) {
            return ScsiStatus.INVALID_FIELD_IN_CDB;
        }
        if (!registeredWith(host, command.key())) {
            return ScsiStatus.RESERVATION_CONFLICT;
        }
        Optional<ReservationType> held = state.type();
        if (held.isEmpty()) {
            state.reserve(type.get(), type.get().isAllRegistrants() ? null : host);
            return ScsiStatus.GOOD;
        }
        return state.isHolder(host) && held.get() == type.get() ? ScsiStatus.GOOD : ScsiStatus.RESERVATION_CONFLICT;
    }

    /**
     * RELEASE. Rows: no reservation or a non-holder is a GOOD no-op; the holder with the wrong type gets
     * ILLEGAL REQUEST 26/04; releasing a registrants-only or all-registrants type tells the other registrants
     * RESERVATIONS RELEASED.
     */
    private ScsiStatus release(String host, ProutCommand command) {
        // LIO's order: an unregistered nexus is refused; with no reservation, or from a non-holder, RELEASE
        // is GOOD before the key is even compared (found by the VM differential test).
        if (state.keyOf(host).isEmpty()) {
            return ScsiStatus.RESERVATION_CONFLICT;
        }
        Optional<ReservationType> held = state.type();
        if (held.isEmpty() || !state.isHolder(host)) {
            return ScsiStatus.GOOD;
        }
        if (!registeredWith(host, command.key())) {
            return ScsiStatus.RESERVATION_CONFLICT;
        }
        if (held.get().scsiCode() != command.type()) {
            return ScsiStatus.INVALID_RELEASE;
        }
        state.dropReservation();
        if (held.get() != ReservationType.WE && held.get() != ReservationType.EA) {
            notifyOthers(host, UnitAttention.RESERVATIONS_RELEASED);
        }
        return ScsiStatus.GOOD;
    }

    /** CLEAR: drops every registration and the reservation, RESERVATIONS PREEMPTED to the others, generation +1. */
    private ScsiStatus clear(String host, ProutCommand command) {
        if (!registeredWith(host, command.key())) {
            return ScsiStatus.RESERVATION_CONFLICT;
        }
        List<String> others = otherRegistrants(host);
        state.clearRegistrations();
        state.dropReservation();
        others.forEach(h -> queue(h, UnitAttention.RESERVATIONS_PREEMPTED));
        state.bumpGeneration();
        return ScsiStatus.GOOD;
    }

    /**
     * PREEMPT / PREEMPT AND ABORT (the simulator has no task sets to abort, so both act alike).
     * Rows: SARK = holder's key moves the reservation to the caller with the new type and removes the other
     * registrations with that key; SARK of a non-holder only removes registrations; SARK 0 under an
     * all-registrants reservation removes everybody else and makes the caller the holder; SARK matching
     * nobody conflicts; SARK 0 otherwise is ILLEGAL REQUEST 26/00. Victims get REGISTRATIONS PREEMPTED;
     * when the type changes, the remaining registrants get RESERVATIONS RELEASED. Generation +1.
     */
    private ScsiStatus preempt(String host, ProutCommand command) {
        Optional<ReservationType> requested = supportedType(command.type());
        if (requested.isEmpty()) {
            return ScsiStatus.INVALID_FIELD_IN_CDB;
        }
        if (!registeredWith(host, command.key())) {
            return ScsiStatus.RESERVATION_CONFLICT;
        }
        ReservationType type = requested.get();
        long victimKey = command.saKey();
        Optional<ReservationType> held = state.type();
        boolean allRegistrants = held.isPresent() && held.get().isAllRegistrants();
        if (victimKey == 0 && !allRegistrants) {
            return ScsiStatus.INVALID_FIELD_IN_PARAMETER_LIST;
        }
        if (allRegistrants && victimKey == 0) {
            List<String> victims = otherRegistrants(host);
            victims.forEach(state::removeRegistration);
            takeReservation(host, type);
            victims.forEach(v -> queue(v, UnitAttention.REGISTRATIONS_PREEMPTED));
        } else if (held.isPresent() && !allRegistrants
                && victimKey == state.keyOf(state.holder().orElseThrow()).orElseThrow()) {
            List<String> victims = state.hostsWithKey(victimKey);
            victims.remove(host);
            victims.forEach(state::removeRegistration);
            takeReservation(host, type);
            victims.forEach(v -> queue(v, UnitAttention.REGISTRATIONS_PREEMPTED));
            if (held.get() != type) {
                notifyOthers(host, UnitAttention.RESERVATIONS_RELEASED);
            }
        } else {
            List<String> victims = state.hostsWithKey(victimKey);
            if (victims.isEmpty()) {
                return ScsiStatus.RESERVATION_CONFLICT;
            }
            // The caller's own registration stays, as LIO keeps the calling I_T nexus.
            victims.remove(host);
            victims.forEach(this::unregister);
            victims.forEach(v -> queue(v, UnitAttention.REGISTRATIONS_PREEMPTED));
        }
        state.bumpGeneration();
        return ScsiStatus.GOOD;
    }

    private void takeReservation(String host, ReservationType type) {
        state.reserve(type, type.isAllRegistrants() ? null : host);
    }

    /**
     * Removes {@code host}'s registration. Rows: the holder of a non-AR reservation leaving releases it
     * (registrants-only: RESERVATIONS RELEASED to the others); an AR reservation persists while any registrant remains.
     */
    private void unregister(String host) {
        boolean wasHolder = state.holder().map(host::equals).orElse(false);
        state.removeRegistration(host);
        Optional<ReservationType> held = state.type();
        if (held.isEmpty()) {
            return;
        }
        if (held.get().isAllRegistrants()) {
            if (state.registrations().isEmpty()) {
                state.dropReservation();
            }
        } else if (wasHolder) {
            state.dropReservation();
            if (held.get().isRegistrantsOnly()) {
                notifyOthers(host, UnitAttention.RESERVATIONS_RELEASED);
            }
        }
    }

    private boolean registeredWith(String host, long key) {
        return state.keyOf(host).map(k -> k == key).orElse(false);
    }

    // A TYPE code the LU accepts: one of the six and not disabled by fault injection.
    private Optional<ReservationType> supportedType(int code) {
        return ReservationType.fromScsiCode(code).filter(faults::supports);
    }

    private List<String> otherRegistrants(String host) {
        return state.registrations().keySet().stream().filter(h -> !h.equals(host)).toList();
    }

    private void notifyOthers(String host, UnitAttention ua) {
        otherRegistrants(host).forEach(h -> queue(h, ua));
    }

    private void queue(String host, UnitAttention ua) {
        if (faults.unitAttentions()) {
            state.queueUnitAttention(host, ua);
        }
    }
}
