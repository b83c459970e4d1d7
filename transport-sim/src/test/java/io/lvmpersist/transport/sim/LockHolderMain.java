package io.lvmpersist.transport.sim;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Another process for the lock tests: locks LU file {@code args[0]} (the main thread), optionally asks for LU
 * file {@code args[3]} from a second thread, creates {@code args[1]}, and releases its lock when {@code args[2]}
 * appears. Exits 1 (printing why) when the second thread's lock failed.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Path release = Path.of(args[2]);
        String[] failure = new String[1];
        Thread second = null;
        LunFile.Locked held = new LunFile(Path.of(args[0])).lock();
        if (args.length > 3) {
            LunFile other = new LunFile(Path.of(args[3]));
            second = new Thread(() -> {
                try (LunFile.Locked _ = other.lock()) {
                    // got it
                } catch (Exception e) {
                    failure[0] = e.toString();
                }
            });
            second.start();
        }
        Files.createFile(Path.of(args[1]));
        while (!Files.exists(release)) {
            Thread.sleep(5);
        }
        held.close();
        if (second != null) {
            second.join();
        }
        if (failure[0] != null) {
            System.out.println("second thread: " + failure[0]);
            System.exit(1);
        }
        System.exit(0);
    }
}
