package io.lvmpersist.transport.sgio;

/** How long to wait before sending a command again; tests pass one that does not sleep. */
@FunctionalInterface
public interface Backoff {

    /** @param retry 1 for the first retry, 2 for the second... */
    void pause(int retry) throws InterruptedException;

    /** 100 ms, 200 ms, ... : short, because a unit attention is cleared by being reported once. */
    static Backoff linear() {
        return retry -> Thread.sleep(100L * retry);
    }
}
