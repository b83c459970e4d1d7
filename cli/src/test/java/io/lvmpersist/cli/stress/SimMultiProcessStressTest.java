package io.lvmpersist.cli.stress;

import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eight JVMs, each one simulated host, run {@code start --access sh} and {@code stop} over and over on the same
 * four SCSI LUs and four NVMe namespaces of one state file, all hosts' starts at once, then all stops (see
 * {@link SimHostLoop}). Every run must succeed (the simulator's file locks
 * once failed here with "Resource deadlock avoided": POSIX record locks belong to the process, and two processes
 * that each held one LU lock in one thread while another thread waited for the other's looked like a deadlock to
 * the kernel), and at the end no LU may hold a key or a reservation.
 */
class SimMultiProcessStressTest {
    private static final int HOSTS = 8;
    /** 6 rounds failed every run of the old per-file JVM locks with dozens of EDEADLK; about 10 s here. */
    private static final int ROUNDS = 6;

    @TempDir
    Path dir;

    @Test
    void concurrentHostsSharingAndLeavingNeverFail() throws Exception {
        Path state = dir.resolve("san.state");
        SimSan san = SimSan.open(state);
        List<String> devices = new ArrayList<>(san.createVolumeGroup("scsi", 4, Personality.SCSI));
        devices.addAll(san.createVolumeGroup("nvme", 4, Personality.NVME));
        Path barrier = Files.createDirectory(dir.resolve("barrier"));

        List<Process> hosts = new ArrayList<>();
        for (int h = 1; h <= HOSTS; h++) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"), SimHostLoop.class.getName(),
                    state.toString(), "host-" + h, "0x" + Integer.toHexString(0xa000 + h), String.valueOf(ROUNDS),
                    barrier.toString(), String.valueOf(HOSTS)));
            command.addAll(devices);
            hosts.add(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        List<CompletableFuture<String>> outputs = hosts.stream().map(p -> CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })).toList();

        StringBuilder failures = new StringBuilder();
        for (int h = 0; h < HOSTS; h++) {
            Process p = hosts.get(h);
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "host-" + (h + 1) + " did not finish");
            if (p.exitValue() != 0) {
                failures.append("host-").append(h + 1).append(" exit ").append(p.exitValue()).append('\n')
                        .append(outputs.get(h).get().lines().limit(12).collect(Collectors.joining("\n")))
                        .append('\n');
            }
        }
        assertEquals("", failures.toString(), "every start and stop succeeded");

        // Everybody left: no LU keeps a key or a reservation, and every LU's file still reads.
        for (String device : devices) {
            try (PrDevice checker = san.device(device, "checker")) {
                PrResult<KeyList> keys = checker.readKeys();
                assertTrue(keys instanceof PrResult.Ok<KeyList> ok && ok.value().keys().isEmpty(),
                        device + ": " + keys);
                PrResult<Reservation> reservation = checker.readReservation();
                assertTrue(reservation instanceof PrResult.Ok<Reservation> ok && !ok.value().isHeld(),
                        device + ": " + reservation);
            }
        }
    }
}
