package io.lvmpersist.cli;

import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --vg through an LVM binary (LVM_BINARY honoured), with a scripted stand-in for lvm. */
class LvmResolutionTest {
    @TempDir
    Path dir;

    private Path fakeLvm(String stdout, String stderr, int status) throws Exception {
        Path script = dir.resolve("fake-lvm");
        Path args = dir.resolve("lvm-args");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" > '" + args + "'\nprintf '%s' '" + stdout + "'\n"
                + "printf '%s' '" + stderr + "' >&2\nexit " + status + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void pvsComeFromLvmInItsOrderAndUnknownPvsAreMissing() throws Exception {
        Path state = dir.resolve("san.state");
        SimSan san = SimSan.open(state);
        List<String> pvs = san.createVolumeGroup("simvg", 3, Personality.SCSI);
        Path lvm = fakeLvm("  " + pvs.get(2) + ":[unknown]:" + pvs.get(0) + "\n", "", 0);
        CliRun a = CliRun.simulated(state, "hostA").env("LVM_BINARY", lvm.toString());
        CliRun b = a.as("hostB");

        CliRun.Result read = a.line("read-keys --vg realvg");
        assertEquals(ExitCode.OK, read.code(), read::toString);
        assertEquals(List.of("Device " + pvs.get(2) + ": registered keys: none",
                "Device " + pvs.get(0) + ": registered keys: none"), read.outLines());
        assertTrue(read.err().contains("missing device [unknown] in VG realvg."), read::toString);
        assertEquals("vgs --nolocking --noheadings --separator : --sort pv_uuid -o pv_name --rows --config "
                + "log/prefix=\"\" -- realvg", Files.readString(dir.resolve("lvm-args")).strip());

        assertEquals(ExitCode.OK, a.line("start --ourkey 0xa --access sh --vg realvg").code());
        assertEquals(ExitCode.OK, b.line("start --ourkey 0xb --access sh --vg realvg").code());
        CliRun.Result remove = b.line("remove --ourkey 0xb --removekey 0xa --vg realvg");
        assertEquals(ExitCode.DEVICE, remove.code(), remove::toString);
        assertTrue(remove.err().contains("remove failed: 1 missing device(s) in VG realvg."), remove::toString);
        assertTrue(!san.canWrite(pvs.get(0), "hostA"), "A is still fenced from the PVs that are present");
    }

    @Test
    void aMissingVgIsNamedWithLvmsReason() throws Exception {
        Path lvm = fakeLvm("", "  Volume group \"nope\" not found\n  Cannot process volume group nope\n", 5);
        CliRun.Result result = CliRun.withEnvironment().env("LVM_BINARY", lvm.toString()).line("read --vg nope");
        assertEquals(ExitCode.DEVICE, result.code(), result::toString);
        assertEquals("lvmpersist: Volume group nope not found or not readable (Volume group \"nope\" not found): "
                + "check the VG name with vgs.", result.err().strip().lines().toList().getLast(), result::toString);
    }

    @Test
    void aMissingLvmBinaryIsNamed() {
        CliRun.Result result = CliRun.withEnvironment().env("LVM_BINARY", dir.resolve("no-such-lvm").toString())
                .line("read --vg vg0");
        assertEquals(ExitCode.DEVICE, result.code(), result::toString);
        assertTrue(result.err().contains("cannot run " + dir.resolve("no-such-lvm")
                + " to list the PVs of VG vg0: install lvm2 or set LVM_BINARY, or name the PVs with --device."),
                result::toString);
    }

    @Test
    void realDevicesThatAreNotPrCapableAreRefusedByName() {
        CliRun.Result result = CliRun.withEnvironment().line("read --device /dev/null --device /nonexistent/sdq");
        assertEquals(ExitCode.DEVICE, result.code(), result::toString);
        assertTrue(result.err().contains("device type not supported for /dev/null."), result::toString);
        assertTrue(result.err().contains("device /nonexistent/sdq does not exist: check the path"), result::toString);
    }
}
