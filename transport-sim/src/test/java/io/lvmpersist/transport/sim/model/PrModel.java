package io.lvmpersist.transport.sim.model;

import io.lvmpersist.transport.ReservationType;

import java.util.List;
import java.util.Optional;

/**
 * An obviously-correct reference model of one PR device, seen through the protocol-neutral PrDevice operations.
 * Written independently of the simulator (shares no code with it) so the two can be compared step by step.
 */
public interface PrModel {
    Outcome register(String host, long current, long newKey, boolean ignoreExisting);

    Outcome unregister(String host, long current);

    Outcome reserve(String host, long key, ReservationType type);

    Outcome release(String host, long key, ReservationType type);

    Outcome clear(String host, long key);

    Outcome preempt(String host, long key, long victim, ReservationType type);

    long generation();

    /** Registered keys, in registration order. */
    List<Long> keys();

    /** The key this host is registered with, 0 when none. */
    long keyOf(String host);

    Optional<ReservationType> type();

    /** The holder key as READ RESERVATION reports it: 0 when none and for all-registrants types. */
    long reportedHolderKey();

    /** The single holder host of a non-all-registrants reservation, empty otherwise. */
    Optional<String> singleHolder();

    /** Whether operations that bump the generation on success in this personality include {@code op}. */
    boolean bumpsGeneration(String op);

    /**
     * The libiscsi access matrix (A1): for a host that is not the single holder, {registered read, registered
     * write, unregistered read, unregistered write} per type; the single holder may always read and write.
     */
    static boolean allowed(ReservationType type, boolean registered, boolean write) {
        boolean[] row = switch (type) {
            case EA -> new boolean[] {false, false, false, false};
            case WE -> new boolean[] {true, false, true, false};
            case EARO, EAAR -> new boolean[] {true, true, false, false};
            case WERO, WEAR -> new boolean[] {true, true, true, false};
        };
        return row[(registered ? 0 : 2) + (write ? 1 : 0)];
    }

    default boolean canAccess(String host, boolean write) {
        if (type().isEmpty() || singleHolder().map(host::equals).orElse(false)) {
            return true;
        }
        return allowed(type().get(), keyOf(host) != 0, write);
    }

}
