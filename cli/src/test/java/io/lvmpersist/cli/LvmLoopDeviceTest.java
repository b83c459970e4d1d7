package io.lvmpersist.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real LVM VG on loop devices (needs root, lvm2 and loop devices; CI installs lvm2):
 * PV resolution through the real lvm, the "not a PR-capable device" error for loop devices,
 * the simulator bound to the loop paths, and a missing PV making remove fail.
 */
class LvmLoopDeviceTest {
    @TempDir
    Path dir;
    private final List<String> loops = new ArrayList<>();
    private String vg;

    @BeforeEach
    void createVolumeGroup() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for losetup and LVM");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/lvm")) || Files.isExecutable(Path.of("/sbin/lvm")),
                "needs lvm2 installed");
        vg = "lvmpersist_test_" + ProcessHandle.current().pid();
        for (int i = 0; i < 2; i++) {
            Path image = dir.resolve("pv" + i + ".img");
            try (var file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
                file.setLength(64L << 20);
            }
            Run loop = run("losetup", "-f", "--show", image.toString());
            Assumptions.assumeTrue(loop.code == 0, () -> "no loop device available: " + loop.err);
            loops.add(loop.out.strip());
        }
        List<String> create = new ArrayList<>(List.of("lvm", "vgcreate", "-y", vg));
        create.addAll(loops);
        Run created = run(create.toArray(String[]::new));
        assertEquals(0, created.code, () -> "vgcreate failed: " + created.err);
    }

    @AfterEach
    void removeVolumeGroup() throws Exception {
        if (vg != null) {
            run("lvm", "vgremove", "-f", "-y", vg);
        }
        for (String loop : loops) {
            run("lvm", "pvremove", "-y", "-ff", loop);
            run("losetup", "-d", loop);
        }
    }

    @Test
    void loopDevicesOfARealVgAreNamedAsNotPrCapable() {
        CliRun.Result result = CliRun.withEnvironment().line("read --vg " + vg);
        assertEquals(ExitCode.DEVICE, result.code(), result::toString);
        for (String loop : loops) {
            assertTrue(result.err().contains("device type not supported for " + loop + "."), result::toString);
        }
    }

    @Test
    void theSimulatorBoundToTheLoopPathsRunsTheWholeCycle() throws Exception {
        Path state = dir.resolve("san.state");
        CliRun a = CliRun.simulated(state, "hostA");
        CliRun b = a.as("hostB");
        List<String> bind = new ArrayList<>(List.of("sim", "bind"));
        bind.addAll(loops);
        assertEquals(ExitCode.OK, a.run(bind.toArray(String[]::new)).code());

        assertEquals(ExitCode.OK, a.line("start --ourkey 0xa --access sh --vg " + vg).code());
        assertEquals(ExitCode.OK, b.line("start --ourkey 0xb --access sh --vg " + vg).code());
        CliRun.Result read = a.line("read-keys --vg " + vg);
        assertEquals(2, read.outLines().size(), read::toString);
        for (String line : read.outLines()) {
            assertTrue(line.endsWith(": registered keys: 0xa 0xb"), read::toString);
        }

        // Lose one PV: LVM now reports it as [unknown], and fencing must not claim success.
        assertEquals(0, run("losetup", "-d", loops.get(1)).code);
        CliRun.Result remove = b.line("remove --ourkey 0xb --removekey 0xa --vg " + vg);
        assertEquals(ExitCode.DEVICE, remove.code(), remove::toString);
        assertTrue(remove.err().contains("remove failed: 1 missing device(s) in VG " + vg + "."), remove::toString);
        assertEquals("Device " + loops.get(0) + ": registered keys: 0xb",
                b.line("read-keys --device " + loops.get(0)).outLines().getFirst());
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, out, "timed out");
        }
        return new Run(process.exitValue(), out, err);
    }
}
