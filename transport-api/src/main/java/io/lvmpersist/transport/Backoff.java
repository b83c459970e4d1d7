package io.lvmpersist.transport;

/**
 * How long a transport waits before it sends a command again that the device did not execute.
 * Resending is the transports' job only (the CLI never resends); tests pass one that does not sleep.
 */
@FunctionalInterface
public interface Backoff {

    /** How many times a transport sends a command again that was not executed: at most 6 sends in all. */
    int MAX_RETRIES = 5;

    /** @param retry 1 for the first retry, 2 for the second... */
    void pause(int retry) throws InterruptedException;

    /** 100 ms, 200 ms, ... : short, because a unit attention is cleared by being reported once. */
    static Backoff linear() {
        return retry -> Thread.sleep(100L * retry);
    }

    /** No pause at all (tests, and the simulator, whose faults count commands rather than time). */
    static Backoff none() {
        return retry -> { };
    }
}
