package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several threads (each with its own SimSan on the file) and two other JVM processes hammer one state file;
 * every successful REGISTER AND IGNORE bumps PRgeneration by exactly one, so a lost or torn update would show as
 * a generation below the number of successes, or as a parse failure.
 */
class StateFileConcurrencyTest {
    private static final int PER_WORKER = 300;
    private static final String PV = "/dev/sim/vg/pv1";

    @TempDir
    Path dir;

    @Test
    void threadsAndProcessesNeverLoseOrCorruptUpdates() throws Exception {
        Path file = dir.resolve("shared.state");
        SimSan.open(file).createVolumeGroup("vg", 1, Personality.SCSI);

        List<Process> processes = new ArrayList<>();
        for (String host : List.of("proc-a", "proc-b")) {
            processes.add(new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    HammerMain.class.getName(), file.toString(), host, String.valueOf(PER_WORKER), PV, dir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        // Start everybody at once, so the processes and the threads really compete for the file.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(dir.resolve("ready-proc-a")) && Files.exists(dir.resolve("ready-proc-b")))) {
            assertTrue(System.nanoTime() < deadline, "child JVMs did not start");
            Thread.sleep(5);
        }
        Files.createFile(dir.resolve("go"));
        int successes = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String host = "thread-" + t;
                threads.add(pool.submit(() -> hammer(SimSan.open(file), host)));
            }
            for (Future<Integer> f : threads) {
                successes += f.get();
            }
        }
        for (Process p : processes) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
            assertEquals(0, p.exitValue(), "child JVM exit status");
            successes += Integer.parseInt(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        }

        assertEquals(6 * PER_WORKER, successes, "every command succeeded");
        PrResult<KeyList> keys = SimSan.open(file).device(PV, "checker").readKeys();
        KeyList list = ((PrResult.Ok<KeyList>) keys).value();
        assertEquals(successes, list.generation(), "one generation step per successful command");
        assertEquals(6, list.keys().size(), "six hosts registered");
        assertTrue(list.keys().stream().allMatch(k -> k.equals(ReservationKey.of(PER_WORKER))), list.toString());
    }

    private static int hammer(SimSan san, String host) throws Exception {
        int ok = 0;
        try (PrDevice device = san.device(PV, host)) {
            for (int i = 1; i <= PER_WORKER; i++) {
                if (device.register(ReservationKey.NONE, ReservationKey.of(i), true, false).isOk()) {
                    ok++;
                }
            }
        }
        return ok;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
