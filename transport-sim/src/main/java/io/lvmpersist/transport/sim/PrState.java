package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.ReservationType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The persistent-reservation state of one LU or namespace, shared by both personalities.
 *
 * <p>Registrations are kept per host (one I_T nexus or NVMe host identifier per host name) in
 * registration order, because NVMe targets hand an all-registrants reservation to the first remaining
 * registrant. {@code holder} is the single holder of a non-all-registrants reservation; under WEAR/EAAR
 * it is null for SCSI (every registrant holds) and the "acquiring" registrant for NVMe (as nvmet tracks it).
 * Mutable and not thread-safe: callers hold the SAN's transaction lock.
 */
public final class PrState {
    private long generation;
    private final LinkedHashMap<String, Long> registrations = new LinkedHashMap<>();
    private ReservationType type;
    private String holder;
    private boolean ptpl;
    private final LinkedHashMap<String, LinkedHashSet<UnitAttention>> unitAttentions = new LinkedHashMap<>();

    /** A deep copy: changing either leaves the other as it was. */
    PrState copy() {
        PrState copy = new PrState();
        copy.generation = generation;
        copy.registrations.putAll(registrations);
        copy.type = type;
        copy.holder = holder;
        copy.ptpl = ptpl;
        for (Map.Entry<String, LinkedHashSet<UnitAttention>> pending : unitAttentions.entrySet()) {
            copy.unitAttentions.put(pending.getKey(), new LinkedHashSet<>(pending.getValue()));
        }
        return copy;
    }

    public long generation() {
        return generation;
    }

    void setGeneration(long generation) {
        this.generation = generation;
    }

    /** PRgeneration / GEN is a 32-bit counter that wraps. */
    void bumpGeneration() {
        generation = (generation + 1) & 0xFFFF_FFFFL;
    }

    public Map<String, Long> registrations() {
        return Collections.unmodifiableMap(registrations);
    }

    public boolean isRegistered(String host) {
        return registrations.containsKey(host);
    }

    public Optional<Long> keyOf(String host) {
        return Optional.ofNullable(registrations.get(host));
    }

    /** Adds a registration at the end, or changes the key in place (keeping the registration order). */
    void register(String host, long key) {
        registrations.put(host, key);
    }

    void removeRegistration(String host) {
        registrations.remove(host);
    }

    /** Hosts registered with {@code key}, in registration order. */
    List<String> hostsWithKey(long key) {
        List<String> hosts = new ArrayList<>();
        registrations.forEach((h, k) -> {
            if (k == key) {
                hosts.add(h);
            }
        });
        return hosts;
    }

    public Optional<ReservationType> type() {
        return Optional.ofNullable(type);
    }

    /** The single holder host (see class comment); empty when none. */
    public Optional<String> holder() {
        return Optional.ofNullable(holder);
    }

    void reserve(ReservationType newType, String newHolder) {
        this.type = newType;
        this.holder = newHolder;
    }

    void setHolder(String newHolder) {
        this.holder = newHolder;
    }

    void dropReservation() {
        type = null;
        holder = null;
    }

    void clearRegistrations() {
        registrations.clear();
    }

    public boolean ptpl() {
        return ptpl;
    }

    void setPtpl(boolean ptpl) {
        this.ptpl = ptpl;
    }

    /** Pending SCSI unit attentions per host, oldest first. */
    public Map<String, Set<UnitAttention>> unitAttentions() {
        return Collections.unmodifiableMap(unitAttentions);
    }

    void queueUnitAttention(String host, UnitAttention ua) {
        unitAttentions.computeIfAbsent(host, h -> new LinkedHashSet<>()).add(ua);
    }

    /** Takes the oldest pending unit attention of {@code host} and clears the rest (they are reported together). */
    Optional<UnitAttention> takeUnitAttention(String host) {
        LinkedHashSet<UnitAttention> pending = unitAttentions.remove(host);
        return pending == null || pending.isEmpty() ? Optional.empty() : Optional.of(pending.getFirst());
    }

    /**
     * True when a reservation is held and {@code host} is one of its holders: the single holder, or any
     * registrant under an all-registrants type.
     */
    public boolean isHolder(String host) {
        if (type == null) {
            return false;
        }
        if (type.isAllRegistrants()) {
            return isRegistered(host);
        }
        return host.equals(holder);
    }

    /** Whether {@code host} may write the medium (SPC-4 / NVMe access tables). */
    public boolean canWrite(String host) {
        if (type == null || isHolder(host)) {
            return true;
        }
        return switch (type) {
            case WE, EA -> false;
            case WERO, EARO, WEAR, EAAR -> isRegistered(host);
        };
    }

    /** Whether {@code host} may read the medium. */
    public boolean canRead(String host) {
        if (type == null || !type.restrictsReads()) {
            return true;
        }
        return canWrite(host);
    }
}
