package io.lvmpersist.transport.sim.model;

import io.lvmpersist.transport.ReservationType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reference model of an NVMe namespace as Linux nvmet implements reservations (A3), seen through the
 * PrDevice mapping (register with ignore-existing = Register, then Replace with IEKEY on conflict).
 * Registrants are a list in registration order; {@code holder} is nvmet's single holder pointer, which for
 * WEAR/EAAR is the acquirer and passes to the first remaining registrant when it leaves.
 */
public final class NvmeModel implements PrModel {
    private record Reg(String host, long key) {
    }

    private final List<Reg> regs = new ArrayList<>();
    private ReservationType type;
    private String holder;
    private long generation;

    private int indexOf(String host) {
        for (int i = 0; i < regs.size(); i++) {
            if (regs.get(i).host().equals(host)) {
                return i;
            }
        }
        return -1;
    }

    private boolean registeredWith(String host, long key) {
        int i = indexOf(host);
        return i >= 0 && regs.get(i).key() == key;
    }

    @Override
    public Outcome register(String host, long current, long newKey, boolean ignoreExisting) {
        int i = indexOf(host);
        if (ignoreExisting || current == 0) {
            // Register (RREGA 0): new host appended; same key again is fine; another key conflicts.
            if (i < 0) {
                regs.add(new Reg(host, newKey));
                generation++;
                return Outcome.OK;
            }
            if (regs.get(i).key() == newKey) {
                generation++;
                return Outcome.OK;
            }
            if (!ignoreExisting) {
                return Outcome.CONFLICT;
            }
            // Fallback: Replace (RREGA 2) with IEKEY keeps the place in the list.
            regs.set(i, new Reg(host, newKey));
            generation++;
            return Outcome.OK;
        }
        // Replace (RREGA 2) with CRKEY.
        if (i < 0 || regs.get(i).key() != current) {
            return Outcome.CONFLICT;
        }
        regs.set(i, new Reg(host, newKey));
        generation++;
        return Outcome.OK;
    }

    @Override
    public Outcome unregister(String host, long current) {
        if (!registeredWith(host, current)) {
            return Outcome.CONFLICT;
        }
        leave(host);
        generation++;
        return Outcome.OK;
    }

    @Override
    public Outcome reserve(String host, long key, ReservationType requested) {
        if (!registeredWith(host, key)) {
            return Outcome.CONFLICT;
        }
        if (holder == null) {
            type = requested;
            holder = host;
            return Outcome.OK;
        }
        // Even under WEAR/EAAR only nvmet's holder may acquire (again, same type).
        return holder.equals(host) && type == requested ? Outcome.OK : Outcome.CONFLICT;
    }

    @Override
    public Outcome release(String host, long key, ReservationType requested) {
        if (!registeredWith(host, key)) {
            return Outcome.CONFLICT;
        }
        if (holder == null || !holder.equals(host)) {
            return Outcome.OK;
        }
        if (type != requested) {
            return Outcome.CONFLICT;
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
        regs.clear();
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
        Outcome outcome;
        if (holder == null) {
            outcome = removeAllWithKey(victim);
        } else if (type.isAllRegistrants()) {
            if (victim == 0) {
                type = requested;
                holder = host;
                for (Reg r : List.copyOf(regs)) {
                    if (!r.host().equals(host)) {
                        leave(r.host());
                    }
                }
                outcome = Outcome.OK;
            } else {
                outcome = removeAllWithKey(victim);
            }
        } else if (holder.equals(host)) {
            type = requested; // nvmet: the holder preempting only changes the type
            outcome = Outcome.OK;
        } else if (victim == regs.get(indexOf(holder)).key()) {
            type = requested;
            holder = host;
            for (Reg r : List.copyOf(regs)) {
                if (r.key() == victim && !r.host().equals(host)) {
                    leave(r.host());
                }
            }
            outcome = Outcome.OK;
        } else if (victim != 0) {
            outcome = removeAllWithKey(victim);
        } else {
            outcome = Outcome.UNSUPPORTED_TYPE; // Invalid Field on a command with an RTYPE
        }
        if (outcome == Outcome.OK) {
            generation++;
        }
        return outcome;
    }

    private Outcome removeAllWithKey(long victim) {
        List<Reg> victims = regs.stream().filter(r -> r.key() == victim).toList();
        if (victims.isEmpty()) {
            return Outcome.CONFLICT;
        }
        victims.forEach(r -> leave(r.host()));
        return Outcome.OK;
    }

    private void leave(String host) {
        regs.remove(indexOf(host));
        if (!host.equals(holder)) {
            return;
        }
        if (type.isAllRegistrants() && !regs.isEmpty()) {
            holder = regs.getFirst().host();
        } else {
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
        return regs.stream().map(Reg::key).toList();
    }

    @Override
    public long keyOf(String host) {
        int i = indexOf(host);
        return i < 0 ? 0 : regs.get(i).key();
    }

    @Override
    public Optional<ReservationType> type() {
        return Optional.ofNullable(type);
    }

    @Override
    public long reportedHolderKey() {
        return holder == null || type.isAllRegistrants() ? 0 : keyOf(holder);
    }

    @Override
    public Optional<String> singleHolder() {
        return holder == null || type.isAllRegistrants() ? Optional.empty() : Optional.of(holder);
    }

    @Override
    public boolean bumpsGeneration(String op) {
        return Set.of("register", "unregister", "clear", "preempt").contains(op);
    }
}
