package io.lvmpersist.transport.sim;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** A SAN held in this JVM only (tests, single-process use). */
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
    public String location() {
        return "in-memory";
    }
}
