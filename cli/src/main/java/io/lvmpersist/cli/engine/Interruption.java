package io.lvmpersist.cli.engine;

import io.lvmpersist.cli.ExitCode;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM, SIGINT and SIGHUP during a command that changes reservations. The JVM answers these signals by
 * running its shutdown hooks while the command's threads go on; the hook installed here asks the command to
 * stop starting new devices ({@link #requested()}), waits (bounded) until the command has finished or undone
 * the devices in flight and printed its report ({@link #finished}), then halts with the command's exit code.
 * Without the hook the JVM would exit mid-command and leave devices in a state nobody reported.
 *
 * <p>A normal exit also runs the hook: the command has finished by then, so the hook returns at once.
 */
public final class Interruption {
    /** Long enough for the device in flight to finish its commands (each bounded by --timeout) and be undone. */
    private static final long WAIT_SECONDS = Long.getLong("lvmpersist.signal.wait.seconds", 300);

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final AtomicBoolean STOP = new AtomicBoolean();
    private static final Object LOCK = new Object();
    private static int running;
    private static int lastExitCode;

    private Interruption() {
    }

    /** True once a signal asked the process to stop: start no new device. */
    public static boolean requested() {
        return STOP.get();
    }

    /** A changing command begins: from now on a signal waits for it. */
    public static void begin() {
        if (INSTALLED.compareAndSet(false, true)) {
            Thread hook = new Thread(Interruption::onShutdown, "lvmpersist-signal");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        synchronized (LOCK) {
            running++;
        }
    }

    /** The command has printed its report and returns {@code exitCode}. */
    public static void finished(int exitCode) {
        synchronized (LOCK) {
            running--;
            lastExitCode = exitCode;
            LOCK.notifyAll();
        }
    }

    private static void onShutdown() {
        STOP.set(true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        synchronized (LOCK) {
            if (running == 0) {
                return;   // a normal exit: nothing in flight, keep the exit status already chosen
            }
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(LOCK, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            // System.exit() from the main thread would block now that shutdown has begun: halt with its code.
            // A command that saw the signal fails (see PrCommand); 0 here means the signal came after its last
            // check, and an interrupted run still never reports success.
            Runtime.getRuntime().halt(running > 0 || lastExitCode == ExitCode.OK ? ExitCode.FAILED : lastExitCode);
        }
    }
}
