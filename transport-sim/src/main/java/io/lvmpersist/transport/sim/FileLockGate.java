package io.lvmpersist.transport.sim;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The one gate through which every thread of this process takes the file locks of file-backed SANs: a thread
 * holds the gate from before it asks for its first file lock until it has released its last.
 *
 * <p>Why one gate for the whole process, and not one JVM lock per file: {@code FileChannel.lock} is a POSIX
 * record lock ({@code fcntl F_SETLKW}), and POSIX record locks belong to the <em>process</em>. The kernel's
 * deadlock detector therefore sees a cycle when process A holds LU 1's lock (in one thread) and waits for LU 2's
 * (in another thread) while process B holds LU 2's lock and waits for LU 1's, and fails one of the waits with
 * {@code EDEADLK} ("Resource deadlock avoided"), although each lock would have been released in microseconds.
 * With the gate, a process waits for a file lock only in the one thread that holds the gate, and that thread
 * holds no other file lock then, except during a whole-SAN transaction, which takes the catalog's lock first and
 * then the LUs' locks in id order (so two processes that both hold and wait both hold the catalog: impossible).
 * No cycle between processes can form, so the kernel has none to report.
 *
 * <p>A lock order alone would not help (each thread takes one lock, the cycle is between processes), and a
 * lock-owner thread would be this gate with a queue. The price: the threads of one process take their LU locks
 * one after another. A lock is held only to read, parse and rewrite one small file (about 0.05 ms); latency
 * faults are slept outside it, so commands to different LUs still overlap their waits.
 */
final class FileLockGate {
    private static final ReentrantLock GATE = new ReentrantLock();

    private FileLockGate() {
    }

    /** Enters the gate (reentrant: a whole-SAN transaction enters it once per lock it takes). */
    static void enter() {
        GATE.lock();
    }

    static void leave() {
        GATE.unlock();
    }
}
