package io.lvmpersist.transport.sim;

import java.util.function.Function;

/** Where a simulated SAN's state lives. Every call is one atomic transaction over the whole state. */
interface SanStore {

    /**
     * Runs {@code work} on the current state under an exclusive lock and keeps its changes.
     * When {@code work} throws, its changes must be discarded, so it must validate before it mutates.
     */
    <T> T transact(Function<SanState, T> work);

    /** For messages: the state file, or "in-memory". */
    String location();
}
