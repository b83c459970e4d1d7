package io.lvmpersist.transport.sim;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** A SAN held in this JVM only (tests, single-process use). One lock: held for nanoseconds, never contended long. */
final class MemoryStore implements SanStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final SanState state = new SanState();

    @Override
    public <T> T transact(Function<SanState, T> work) {
        lock.lock();
        try {
            return work.apply(state);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> T transactLun(String lunId, Function<Lun, T> work) {
        return transact(s -> work.apply(s.luns.get(lunId)));
    }

    @Override
    public <T> T inspect(Function<SanState, T> work) {
        return transact(work);
    }

    @Override
    public String location() {
        return "in-memory";
    }
}
