package io.lvmpersist.cli;

import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signal during start, sent to a real process: the device in flight is finished and then undone (the run
 * failed), no other device is started, every device's state is reported, and the exit status is 1.
 */
class SignalTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT", "HUP"})
    void aSignalDuringStartFinishesTheDeviceInFlightReportsEveryDeviceAndFails(String signal) throws Exception {
        Path state = dir.resolve("san.state");
        SimSan san = SimSan.open(state);
        List<String> pvs = san.createVolumeGroup("vg0", 4, Personality.SCSI);
        CliRun admin = CliRun.simulated(state, "admin");
        for (String pv : pvs) {   // every command takes 200 ms: slow enough to signal the process mid-run
            assertEquals(ExitCode.OK, admin.line("sim fault --device " + pv + " --latency-ms 200").code());
        }

        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.lvmpersist.cli.Main", "start", "--ourkey", "0xa", "--vg", "vg0");
        builder.environment().put("LVMPERSIST_SIM", state.toString());
        builder.environment().put("LVMPERSIST_SIM_HOST", "hostA");
        builder.environment().put("LVMPERSIST_SYSLOG", "off");
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));

        // The first device is acquired alone: signal once our key is registered there, long before it is done.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (san.registeredKey(pvs.getFirst(), "hostA").isEmpty()) {
            assertTrue(process.isAlive(), () -> "start ended before the signal\n" + out.join() + err.join());
            assertTrue(System.nanoTime() < deadline, "start did not register on the first device in 60 s");
            Thread.sleep(10);
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
        assertEquals(0, kill.waitFor());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process did not end after SIG" + signal);
        CliRun.Result result = new CliRun.Result(process.exitValue(), out.join(), err.join());

        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        List<String> lines = result.errLines();
        assertTrue(lines.contains("  lvmpersist: start vg0 was interrupted by a signal: devices not yet started "
                + "were skipped."), result::toString);
        // The device in flight was finished, then undone like any failed start: our key stays, the reservation goes.
        assertTrue(lines.contains("  lvmpersist: start vg0: " + pvs.getFirst()
                + ": released the WE reservation this run took; 0xa registered, no reservation"), result::toString);
        for (String pv : pvs.subList(1, pvs.size())) {
            assertTrue(lines.contains("  lvmpersist: start vg0: " + pv + ": not attempted; 0xa not registered, "
                    + "no reservation"), result::toString);
            assertEquals(Optional.empty(), san.registeredKey(pv, "hostA"), pv + " was not touched");
        }
        assertEquals(Optional.of(ReservationKey.of(0xa)), san.registeredKey(pvs.getFirst(), "hostA"));
        assertTrue(san.canWrite(pvs.getFirst(), "hostB"), "no reservation is left behind");
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
