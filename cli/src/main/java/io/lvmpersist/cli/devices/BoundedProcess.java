package io.lvmpersist.cli.devices;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a helper program (lvm) with a deadline and bounded output, and leaves no process behind.
 *
 * <p>stdout and stderr are read at the same time, each by its own thread: reading one after the other
 * deadlocks once the program fills the other pipe. stdout beyond its limit ends the run (the result would not
 * fit in memory anyway); stderr beyond its limit is read and dropped (only its first lines are shown). On the
 * deadline or a stdout overflow the program and every process it started are killed.
 */
final class BoundedProcess {
    /** What the program printed, and how it exited. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** The program printed more than the stdout limit. */
    static final class TooMuchOutput extends Exception {
        private static final long serialVersionUID = 1L;

        TooMuchOutput(String message) {
            super(message, null, false, false);
        }
    }

    private static final int CHUNK = 64 * 1024;

    private final Duration timeout;
    private final int stdoutLimit;
    private final int stderrLimit;

    BoundedProcess(Duration timeout, int stdoutLimit, int stderrLimit) {
        this.timeout = timeout;
        this.stdoutLimit = stdoutLimit;
        this.stderrLimit = stderrLimit;
    }

    /**
     * @throws IOException      when the program cannot be started
     * @throws TimeoutException when it did not finish (and close its output) within the timeout; it was killed
     * @throws TooMuchOutput    when it printed more than the stdout limit; it was killed
     */
    Result run(ProcessBuilder builder) throws IOException, TimeoutException, TooMuchOutput, InterruptedException {
        Process process = builder.start();
        boolean finishedInTime = false;
        try {
            process.getOutputStream().close();
            Capture stdout = Capture.start(process.getInputStream(), stdoutLimit, true);
            Capture stderr = Capture.start(process.getErrorStream(), stderrLimit, false);
            // Done when the program exited and both pipes reached their end (a child may hold them longer).
            CompletableFuture<Void> finished = CompletableFuture.allOf(process.onExit(), stdout.end, stderr.end);
            try {
                CompletableFuture.anyOf(finished, stdout.overflow).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IOException("reading the output of " + builder.command().getFirst() + " failed",
                        e.getCause());
            }
            if (stdout.overflow.isDone()) {
                throw new TooMuchOutput(builder.command().getFirst() + " printed more than " + stdoutLimit / 1024 / 1024
                        + " MiB");
            }
            finishedInTime = true;
            return new Result(process.exitValue(), stdout.text(), stderr.text());
        } finally {
            if (!finishedInTime) {
                killTree(process);   // also when interrupted: never leave lvm running behind us
            }
        }
    }

    /**
     * Kills {@code process} and all its descendants: the descendants first, again until none is left (a dying
     * child may make its parent start another), then the process itself, so none is left orphaned.
     */
    static void killTree(Process process) {
        for (int round = 0; round < 10; round++) {
            List<ProcessHandle> descendants = process.descendants().toList();
            if (descendants.isEmpty()) {
                break;
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle descendant : descendants) {
                descendant.onExit().completeOnTimeout(null, 1, TimeUnit.SECONDS).join();
            }
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            process.onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
        }
    }

    /** One pipe read to its end on its own thread, keeping at most {@code limit} bytes. */
    private static final class Capture {
        final CompletableFuture<Void> end = new CompletableFuture<>();
        final CompletableFuture<Void> overflow = new CompletableFuture<>();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;
        private final boolean stopOnOverflow;

        private Capture(int limit, boolean stopOnOverflow) {
            this.limit = limit;
            this.stopOnOverflow = stopOnOverflow;
        }

        static Capture start(InputStream in, int limit, boolean stopOnOverflow) {
            Capture capture = new Capture(limit, stopOnOverflow);
            Thread.ofPlatform().daemon().name("lvm-output").start(() -> capture.readAll(in));
            return capture;
        }

        private void readAll(InputStream in) {
            byte[] buffer = new byte[CHUNK];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        int room = limit - kept.size();
                        kept.write(buffer, 0, Math.min(n, Math.max(room, 0)));
                        if (n > room && stopOnOverflow) {
                            overflow.complete(null);
                            return;
                        }
                    }
                }
                end.complete(null);
            } catch (IOException e) {
                end.completeExceptionally(e);
            }
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
