package io.lvmpersist.cli;

import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole processes, as LVM runs us: stream separation, --debug logging, exit codes through System.exit. */
class ProcessTest {
    @TempDir
    Path dir;

    private CliRun.Result process(Path state, String host, String... args) throws Exception {
        return process(state, host, null, args);
    }

    /** @param stdout where the process writes its stdout, or null to capture it */
    private CliRun.Result process(Path state, String host, java.io.File stdout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.lvmpersist.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LVMPERSIST_SIM", state.toString());
        builder.environment().put("LVMPERSIST_SIM_HOST", host);
        if (stdout != null) {
            builder.redirectOutput(stdout);
        }
        Process p = builder.start();
        p.getOutputStream().close();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "process did not finish");
        return new CliRun.Result(p.exitValue(), out, err.get());
    }

    @Test
    void debugShowsEveryCommandAndTheRetriedUnitAttentionOnStderrOnly() throws Exception {
        Path state = dir.resolve("san.state");
        String pv = SimSan.open(state).createVolumeGroup("vg0", 1, Personality.SCSI).getFirst();
        assertEquals(0, process(state, "hostA", "start", "--ourkey", "0xa", "--access", "sh", "--vg", "vg0").code());
        assertEquals(0, process(state, "hostB", "start", "--ourkey", "0xb", "--access", "sh", "--vg", "vg0").code());
        assertEquals(0, process(state, "hostA", "clear", "--ourkey", "0xa", "--vg", "vg0").code());

        // Host B's registration was cleared by A: its next command gets a UNIT ATTENTION, which the (simulated)
        // transport resends once; the CLI logs the one operation and its result.
        CliRun.Result result = process(state, "hostB", "read-keys", "--debug", "--vg", "vg0");
        assertEquals(0, result.code(), result::toString);
        assertEquals(List.of("Device " + pv + ": registered keys: none"), result.outLines());
        assertTrue(result.err().contains(pv + ": PR IN READ KEYS -> unit attention [CHECK CONDITION sense 6/2a/03],"
                + " not executed, sending it again (retry 1 of 5)"), result::toString);
        assertFalse(result.err().contains("retry 2 of 5"), result::toString);
        assertTrue(result.err().contains(pv + ": read keys -> ok KeyList[generation="), result::toString);
    }

    @Test
    void quietByDefaultAndExitCodesReachTheShell() throws Exception {
        Path state = dir.resolve("san.state");
        SimSan.open(state).createVolumeGroup("vg0", 2, Personality.NVME);
        CliRun.Result started = process(state, "hostA", "start", "--ourkey", "0xa", "--vg", "vg0");
        assertEquals(0, started.code(), started::toString);
        assertEquals("", started.out(), started::toString);
        assertEquals(List.of("  lvmpersist: started vg0 with key 0xa."), started.errLines(), started::toString);
        CliRun.Result refused = process(state, "hostB", "start", "--ourkey", "0xb", "--vg", "vg0");
        assertEquals(ExitCode.CONFLICT, refused.code(), refused::toString);
        assertEquals("", refused.out(), refused::toString);
        assertFalse(refused.err().contains("Exception"), refused::toString);
        CliRun.Result usage = process(state, "hostB", "start", "--ourkey", "0x0", "--vg", "vg0");
        assertEquals(ExitCode.USAGE, usage.code(), usage::toString);
    }

    /** stdout on a full disk: the results are lost, so the command must not report success. */
    @Test
    void aResultThatCannotBeWrittenFailsTheCommand() throws Exception {
        Path state = dir.resolve("san.state");
        SimSan.open(state).createVolumeGroup("vg0", 1, Personality.SCSI);
        java.io.File full = new java.io.File("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(full.canWrite(), "/dev/full is needed");
        CliRun.Result read = process(state, "hostA", full, "read", "--vg", "vg0");
        assertEquals(ExitCode.FAILED, read.code(), read::toString);
        assertEquals(List.of("  lvmpersist: error writing standard output: the results are incomplete."),
                read.errLines(), read::toString);
        assertEquals(0, process(state, "hostA", "start", "--ourkey", "0xa", "--vg", "vg0").code());
        // "Using ourkey: 0xb" cannot be written, and the start is refused: the more specific code is kept.
        CliRun.Result refused = process(state, "hostB", full, "start", "--ourkey", "11", "--vg", "vg0");
        assertEquals(ExitCode.CONFLICT, refused.code(), refused::toString);
        assertEquals("  lvmpersist: error writing standard output: the results are incomplete.",
                refused.errLines().getLast(), refused::toString);
    }
}
