package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.ReservationKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LU locks between processes: per LU across processes, and never a false "Resource deadlock avoided". */
class ProcessLockTest {
    private static final ReservationKey K1 = ReservationKey.of(0x100000000000a001L);

    @TempDir
    Path dir;

    @Test
    void aCommandWaitsOnlyForItsOwnLu() throws Exception {
        SimSan san = SimSan.open(dir.resolve("san.state"));
        san.createVolumeGroup("vg0", 2, Personality.SCSI);
        PrDevice pv1 = san.device("/dev/sim/vg0/pv1", "h1");
        PrDevice pv2 = san.device("/dev/sim/vg0/pv2", "h1");
        Process holder = otherProcess(lunFile("vg0-pv1"));   // holds pv1's lock
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            assertTrue(pv2.register(ReservationKey.NONE, K1, true, false).isOk(), "pv2 is not blocked by pv1's lock");
            Future<Boolean> onPv1 = pool.submit(() -> pv1.register(ReservationKey.NONE, K1, true, false).isOk());
            Thread.sleep(300);
            assertFalse(onPv1.isDone(), "pv1's command waits for pv1's lock");
            Files.createFile(dir.resolve("release"));
            assertTrue(onPv1.get(30, TimeUnit.SECONDS));
        }
        assertEquals(0, exitOf(holder));
        assertEquals(java.util.Optional.of(K1), san.registeredKey("/dev/sim/vg0/pv1", "h1"));
    }

    /**
     * The case that gave EDEADLK: this process holds pv1 (one thread) and asks for pv2 (another thread), while the
     * other process holds pv2 (one thread) and asks for pv1 (another thread). POSIX record locks belong to
     * processes, so the kernel saw a cycle, although no thread waited while holding a lock.
     */
    @Test
    void twoProcessesEachHoldingOneLuWhileAskingForTheOtherNeverSeeADeadlock() throws Exception {
        SimSan.open(dir.resolve("san.state")).createVolumeGroup("vg0", 2, Personality.SCSI);
        LunFile pv1 = new LunFile(lunFile("vg0-pv1"));
        LunFile pv2 = new LunFile(lunFile("vg0-pv2"));
        Process other;
        Future<String> mine;
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            try (LunFile.Locked _ = pv1.lock()) {
                other = otherProcess(lunFile("vg0-pv2"), lunFile("vg0-pv1"));   // holds pv2, asks for pv1
                Thread.sleep(300);   // its second thread is waiting for pv1 now
                mine = pool.submit(() -> {
                    try (LunFile.Locked _ = pv2.lock()) {
                        return "locked";
                    }
                });
                Thread.sleep(300);
            }
            Files.createFile(dir.resolve("release"));
            assertEquals("locked", mine.get(30, TimeUnit.SECONDS));
        }
        assertEquals(0, exitOf(other), "the other process's second thread got its lock too");
    }

    private Path lunFile(String lunId) throws java.io.IOException {
        return dir.toRealPath().resolve("san.state.luns").resolve(lunId);
    }

    /** Starts {@link LockHolderMain} holding {@code held} (and asking for {@code asked}), once it holds it. */
    private Process otherProcess(Path held, Path... asked) throws Exception {
        Path ready = dir.resolve("ready");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(),
                held.toString(), ready.toString(), dir.resolve("release").toString()));
        for (Path a : asked) {
            command.add(a.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ready)) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "the other process did not take its lock");
            Thread.sleep(5);
        }
        return p;
    }

    private static int exitOf(Process p) throws Exception {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the other process finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("", out.strip(), "the other process's output");
        return p.exitValue();
    }
}
