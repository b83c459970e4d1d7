package io.lvmpersist.cli;

import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Issue 13 D: --vg names, @file arguments, a misbehaving lvm, --vg with --device, LVM_BINARY as root. */
class InputHardeningTest {
    @TempDir
    Path dir;

    /** A stand-in for lvm that records that it ran, then runs {@code body}. */
    private Path fakeLvm(String body) throws Exception {
        Path script = dir.resolve("fake-lvm");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" > '" + dir.resolve("lvm-ran") + "'\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private CliRun withLvm(Path lvm) {
        return CliRun.withEnvironment().env("LVM_BINARY", lvm.toString()).env("LVMPERSIST_LVM_TIMEOUT", "1");
    }

    @Test
    void anOptionLikeVgIsRefusedBeforeLvmRuns() throws Exception {
        // lvm read "-v" as an option and listed every PV of every VG: clear cleared them all.
        Path lvm = fakeLvm("printf '  /dev/sdb:/dev/sdc\\n'");
        for (String vg : List.of("-v", "--all", "..", "vg/x", "vg\u0007")) {
            CliRun.Result result = withLvm(lvm).run("clear", "--ourkey", "0xa", "--vg", vg);
            assertEquals(ExitCode.USAGE, result.code(), result::toString);
            assertEquals(1, result.errLines().size(), result::toString);
            // (With or without the "  lvmpersist: " prefix: how usage errors look is the messages' business.)
            assertTrue(result.err().replaceFirst("^  lvmpersist: ", "").startsWith("Invalid --vg "), result::toString);
            assertFalse(Files.exists(dir.resolve("lvm-ran")), "lvm must not run for --vg " + vg);
        }
        CliRun.Result equalsForm = withLvm(lvm).run("clear", "--ourkey", "0xa", "--vg=-v");
        assertEquals(ExitCode.USAGE, equalsForm.code(), equalsForm::toString);
    }

    @Test
    void theSimulatorCreatesNoVgThatVgWouldRefuse() throws Exception {
        Path state = dir.resolve("names.state");
        for (String vg : List.of("..", "vg/x", "a b")) {
            CliRun.Result result = CliRun.simulated(state, "hostA").run("sim", "create-vg", vg, "--pvs", "1");
            assertEquals(ExitCode.USAGE, result.code(), result::toString);
            assertTrue(result.err().contains("Invalid VG name "), result::toString);
            assertEquals("", result.out(), result::toString);
        }
        CliRun.Result ok = CliRun.simulated(state, "hostA").run("sim", "create-vg", "vg.0+x_y-z", "--pvs", "1");
        assertEquals(ExitCode.OK, ok.code(), ok::toString);
    }

    @Test
    void theVgNameIsAnOperandOfLvmNeverAnOption() throws Exception {
        Path lvm = fakeLvm("exit 5");
        withLvm(lvm).line("read --vg vg.0+x_y-z");
        assertTrue(Files.readString(dir.resolve("lvm-ran")).strip().endsWith(" -- vg.0+x_y-z"));
    }

    @Test
    void atFileArgumentsAreWordsNeverFilesRead() throws Exception {
        Path secret = dir.resolve("shadow");
        Files.writeString(secret, "root:SECRET-HASH:19000:0:99999:7:::\n");
        for (String[] args : List.of(new String[] {"read-keys", "@" + secret},
                new String[] {"read-keys", "--device", "@" + secret},
                new String[] {"read-keys", "--vg", "@" + secret},
                new String[] {"read-keys", "--dev", "@" + secret},
                new String[] {"@" + secret})) {
            CliRun.Result result = CliRun.withEnvironment().env("LVM_BINARY", "/nonexistent/lvm").run(args);
            assertFalse(result.toString().contains("SECRET"), () -> String.join(" ", args) + " -> " + result);
            assertTrue(result.code() == ExitCode.USAGE || result.code() == ExitCode.DEVICE, result::toString);
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)   // a hung read is not interruptible
    void anLvmThatHangsIsKilledWithItsChildren() throws Exception {
        Path pids = dir.resolve("pids");
        Path lvm = fakeLvm("sleep 300 &\necho $$ $! > '" + pids + "'\nwait");
        long start = System.nanoTime();
        CliRun.Result result = withLvm(lvm).line("read --vg vg0");
        assertEquals(ExitCode.DEVICE, result.code(), result::toString);
        assertTrue(result.err().contains(lvm + " vgs vg0 did not finish in 1 s and was stopped"), result::toString);
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "stopped near the timeout");
        for (String pid : Files.readString(pids).strip().split(" ")) {
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(pid));
            process.ifPresent(p -> p.onExit().completeOnTimeout(null, 5, java.util.concurrent.TimeUnit.SECONDS).join());
            assertFalse(process.map(ProcessHandle::isAlive).orElse(false), "process " + pid + " survived");
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anLvmThatPrintsWithoutEndIsStoppedWithoutRunningOutOfMemory() throws Exception {
        // 100 MB of PV names: more than fits, so the run stops at the limit instead of buffering all of it.
        Path lvm = fakeLvm("yes '/dev/sdb:' | head -c 104857600");
        CliRun.Result result = withLvm(lvm).env("LVMPERSIST_LVM_TIMEOUT", "30").line("read --vg vg0");
        assertEquals(ExitCode.DEVICE, result.code(), result::toString);
        assertEquals("  lvmpersist: " + lvm + " vgs vg0 was stopped: " + lvm + " printed more than 4 MiB, more than"
                + " PV names can take: check LVM_BINARY, or name the PVs with --device.", result.errLines().getLast());
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anLvmThatFloodsStderrFirstStillGivesItsAnswer() throws Exception {
        // Reading stdout to its end before stderr deadlocks once lvm fills the stderr pipe (64 KiB).
        Path state = dir.resolve("san.state");
        List<String> pvs = SimSan.open(state).createVolumeGroup("simvg", 2, Personality.SCSI);
        Path lvm = fakeLvm("yes 'WARNING: noise' | head -c 10000000 >&2\nprintf '  " + pvs.get(1) + ":" + pvs.get(0)
                + "\\n'");
        CliRun.Result result = CliRun.simulated(state, "hostA").env("LVM_BINARY", lvm.toString())
                .env("LVMPERSIST_LVM_TIMEOUT", "30").line("read-keys --vg realvg");
        assertEquals(ExitCode.OK, result.code(), result::toString);
        assertEquals(List.of("Device " + pvs.get(1) + ": registered keys: none",
                "Device " + pvs.get(0) + ": registered keys: none"), result.outLines());
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anLvmThatFloodsStderrForeverIsStoppedAtTheTimeout() throws Exception {
        Path lvm = fakeLvm("yes 'WARNING: noise' >&2");
        CliRun.Result result = withLvm(lvm).line("read --vg vg0");
        assertEquals(ExitCode.DEVICE, result.code(), result::toString);
        assertTrue(result.err().contains("did not finish in 1 s and was stopped"), result::toString);
    }

    @Test
    void aBadLvmTimeoutIsAUsageError() throws Exception {
        Path lvm = fakeLvm("exit 0");
        for (String bad : List.of("0", "abc", "3601", "1.5")) {
            CliRun.Result result = withLvm(lvm).env("LVMPERSIST_LVM_TIMEOUT", bad).line("read --vg vg0");
            assertEquals(ExitCode.USAGE, result.code(), result::toString);
            assertEquals("  lvmpersist: Invalid LVMPERSIST_LVM_TIMEOUT=" + bad + ": give 1 to 3600 seconds,"
                    + " or unset it.", result.errLines().getLast());
        }
        assertFalse(Files.exists(dir.resolve("lvm-ran")));
    }

    @Test
    void vgWithDeviceSaysTheDeviceListIsActedOnAndNeverLooksUpTheVg() throws Exception {
        Path state = dir.resolve("san.state");
        SimSan san = SimSan.open(state);
        List<String> pvs = san.createVolumeGroup("vg0", 3, Personality.SCSI);
        Path lvm = fakeLvm("exit 5");
        CliRun.Result result = CliRun.simulated(state, "hostA").env("LVM_BINARY", lvm.toString())
                .run("read-keys", "--vg", "vg0", "--device", pvs.get(1));
        assertEquals(ExitCode.OK, result.code(), result::toString);
        assertEquals(List.of("Device " + pvs.get(1) + ": registered keys: none"), result.outLines());
        assertEquals("  lvmpersist: --vg vg0 only names the group: acting on the 1 --device path given, not on the"
                + " PVs of that VG (omit --device to act on all of its PVs).", result.errLines().getFirst());

        // A VG that exists nowhere: it is only a label, never looked up and never called a VG in messages.
        CliRun.Result unknown = CliRun.simulated(state, "hostA").env("LVM_BINARY", lvm.toString())
                .run("start", "--ourkey", "0xa", "--vg", "novg", "--device", pvs.get(0), "--device", pvs.get(2));
        assertEquals(ExitCode.OK, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("acting on the 2 --device paths given"), unknown::toString);
        assertFalse(unknown.toString().contains("VG novg"), unknown::toString);
        assertFalse(Files.exists(dir.resolve("lvm-ran")), "lvm is not asked about --vg when --device is given");
    }

    @Test
    void asRootARelativeOrUnsafeLvmBinaryIsRefusedInOneLine() throws Exception {
        assumeTrue(isRoot(), "the root checks apply to root only");
        Path lvm = fakeLvm("printf '  /dev/sdb\\n'");
        CliRun.Result relative = CliRun.withEnvironment().env("LVM_BINARY", "fake-lvm").line("read --vg vg0");
        assertEquals(ExitCode.DEVICE, relative.code(), relative::toString);
        assertEquals(List.of("  lvmpersist: LVM_BINARY=fake-lvm is not an absolute path: as root, set it to the"
                + " full path of lvm (e.g. /usr/sbin/lvm) or unset it."), relative.errLines());

        Files.setOwner(lvm, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        CliRun.Result foreign = CliRun.withEnvironment().env("LVM_BINARY", lvm.toString()).line("read --vg vg0");
        assertEquals(ExitCode.DEVICE, foreign.code(), foreign::toString);
        assertTrue(foreign.err().contains("refusing to run " + lvm.toRealPath() + " as root: it is owned by uid"),
                foreign::toString);
        assertFalse(Files.exists(dir.resolve("lvm-ran")), "an unsafe lvm never runs");
    }

    private static boolean isRoot() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                .anyMatch(l -> l.split("\\s+")[2].equals("0"));
    }
}
