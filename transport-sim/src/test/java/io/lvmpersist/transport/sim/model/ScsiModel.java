package io.lvmpersist.transport.sim.model;

import io.lvmpersist.transport.ReservationType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reference model of an SPC-4 LU (one I_T nexus per host), written straight from the rule table in
 * pr-wire-facts-and-anchors.md A1. Unit attentions are not modelled: the chains either switch them off or retry the command.
 */
public final class ScsiModel implements PrModel {
    private final Map<String, Long> keyByHost = new LinkedHashMap<>();
    private ReservationType type;
    /** Holder host for non-AR types; null under WEAR/EAAR, where every registrant holds. */
    private String holder;
    private long generation;

    private boolean registeredWith(String host, long key) {
        Long k = keyByHost.get(host);
        return k != null && k == key;
    }

    @Override
    public Outcome register(String host, long current, long newKey, boolean ignoreExisting) {
        Long mine = keyByHost.get(host);
        if (!ignoreExisting) {
            // REGISTER: RK must equal the registered key, or 0 when unregistered.
            long expected = mine == null ? 0 : mine;
            if (current != expected) {
                return Outcome.CONFLICT;
            }
        }
        if (mine == null) {
            if (newKey == 0) {
                return Outcome.OK; // nothing to do, no generation change
            }
            keyByHost.put(host, newKey);
        } else if (newKey == 0) {
            leave(host);
        } else {
            keyByHost.put(host, newKey);
        }
        generation++;
        return Outcome.OK;
    }

    @Override
    public Outcome unregister(String host, long current) {
        return register(host, current, 0, false);
    }

    @Override
    public Outcome reserve(String host, long key, ReservationType requested) {
        if (!registeredWith(host, key)) {
            return Outcome.CONFLICT;
        }
        if (type == null) {
            type = requested;
            holder = requested.isAllRegistrants() ? null : host;
            return Outcome.OK;
        }
        boolean isHolder = type.isAllRegistrants() || host.equals(holder);
        return isHolder && type == requested ? Outcome.OK : Outcome.CONFLICT;
    }

    @Override
    public Outcome release(String host, long key, ReservationType requested) {
        if (!keyByHost.containsKey(host)) {
            return Outcome.CONFLICT;
        }
        if (type == null) {
            return Outcome.OK;
        }
        boolean isHolder = type.isAllRegistrants() || host.equals(holder);
        if (!isHolder) {
            return Outcome.OK;
        }
        if (!registeredWith(host, key)) {
            return Outcome.CONFLICT;
        }
        if (type != requested) {
            return Outcome.DEVICE_ERROR; // ILLEGAL REQUEST 26/04
        }
        type = null;
        holder = null;
        return Outcome.OK;
    }

    @Override
    public Outcome clear(String host, long key) {
        if (!registeredWith(host, key)) {
            return Outcome.CONFLICT;
        }
        keyByHost.clear();
        type = null;
        holder = null;
        generation++;
        return Outcome.OK;
    }

    @Override
    public Outcome preempt(String host, long key, long victim, ReservationType requested) {
        if (!registeredWith(host, key)) {
            return Outcome.CONFLICT;
        }
        boolean ar = type != null && type.isAllRegistrants();
        if (victim == 0) {
            if (!ar) {
                return Outcome.UNSUPPORTED_FIELD; // ILLEGAL REQUEST 26/00
            }
            // Everybody else goes, the caller holds the new reservation.
            for (String other : List.copyOf(keyByHost.keySet())) {
                if (!other.equals(host)) {
                    keyByHost.remove(other);
                }
            }
            type = requested;
            holder = requested.isAllRegistrants() ? null : host;
            generation++;
            return Outcome.OK;
        }
        if (type != null && !ar && keyByHost.get(holder) == victim) {
            // Preempting the holder: its key's registrations go (not the caller's), the caller takes over.
            for (String other : List.copyOf(keyByHost.keySet())) {
                if (!other.equals(host) && keyByHost.get(other) == victim) {
                    keyByHost.remove(other);
                }
            }
            type = requested;
            holder = requested.isAllRegistrants() ? null : host;
            generation++;
            return Outcome.OK;
        }
        List<String> victims = new ArrayList<>();
        keyByHost.forEach((h, k) -> {
            if (k == victim) {
                victims.add(h);
            }
        });
        if (victims.isEmpty()) {
            return Outcome.CONFLICT;
        }
        victims.remove(host);   // the calling nexus keeps its registration (LIO)
        victims.forEach(this::leave);
        generation++;
        return Outcome.OK;
    }

    // A registration goes away: the holder of a non-AR reservation loses it; an AR reservation lives
    // while registrants remain.
    private void leave(String host) {
        keyByHost.remove(host);
        if (type == null) {
            return;
        }
        if (type.isAllRegistrants() ? keyByHost.isEmpty() : host.equals(holder)) {
            type = null;
            holder = null;
        }
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public List<Long> keys() {
        return List.copyOf(keyByHost.values());
    }

    @Override
    public long keyOf(String host) {
        return keyByHost.getOrDefault(host, 0L);
    }

    @Override
    public Optional<ReservationType> type() {
        return Optional.ofNullable(type);
    }

    @Override
    public long reportedHolderKey() {
        return holder == null ? 0 : keyByHost.get(holder);
    }

    @Override
    public Optional<String> singleHolder() {
        return Optional.ofNullable(holder);
    }

    @Override
    public boolean bumpsGeneration(String op) {
        return Set.of("register", "unregister", "clear", "preempt").contains(op);
    }
}
