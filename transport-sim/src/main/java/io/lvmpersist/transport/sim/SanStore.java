package io.lvmpersist.transport.sim;

import java.util.function.Function;

/**
 * Where a simulated SAN's state lives. Three kinds of access, each atomic:
 * <ul>
 *   <li>{@link #transact}: the whole SAN (admin calls that create LUs or look at all of them);</li>
 *   <li>{@link #transactLun}: one LU (every PR command), so commands to different LUs never wait for each other;</li>
 *   <li>{@link #inspect}: a read-only snapshot of the LUs' identities, the paths and the VGs.</li>
 * </ul>
 */
interface SanStore {

    /**
     * Runs {@code work} on the whole current state under an exclusive lock and keeps its changes.
     * When {@code work} throws, its changes must be discarded, so it must validate before it mutates.
     */
    <T> T transact(Function<SanState, T> work);

    /**
     * Runs {@code work} on one LU under that LU's exclusive lock and keeps its changes to the LU's PR state,
     * faults and command count. {@code work} gets null when there is no such LU. Same rule on throwing.
     */
    <T> T transactLun(String lunId, Function<Lun, T> work);

    /**
     * Runs {@code work} on a consistent snapshot of the LUs' identities (id, personality, class), the path
     * bindings and the VGs. The LUs' PR state and faults in that snapshot are not loaded. {@code work} must only
     * read: a file store hands the same parsed snapshot to every reader of the same catalog text.
     */
    <T> T inspect(Function<SanState, T> work);

    /** For messages: the state file, or "in-memory". */
    String location();
}
