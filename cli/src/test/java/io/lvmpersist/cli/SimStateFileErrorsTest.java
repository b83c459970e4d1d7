package io.lvmpersist.cli;

import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A --sim file that is empty, not a state file, or a broken state file: every command (PR commands by VG or by
 * device, and the sim subcommands) fails with one line naming the file and exit 4 (a device problem), never
 * exit 70, and never prints anything of a file that is not a state file.
 */
class SimStateFileErrorsTest {
    private static final String SECRET = "root:$6$S3cr3tSalt$hash:19000:0:99999:7:::";
    private static final List<String> COMMANDS = List.of(
            "read --vg vg0",
            "read --device /dev/sim/vg0/pv1",
            "read --device /dev/sim/vg0/pv1 --device /dev/sim/vg0/pv2",
            "start --ourkey 0xa --access sh --vg vg0",
            "sim show",
            "sim create-vg vg1 --pvs 1");

    @TempDir
    Path dir;

    private Path real(Path file) throws java.io.IOException {
        return dir.toRealPath().resolve(file.getFileName());
    }

    private void assertEveryCommandFailsAsADeviceProblem(Path state, String mustSay, String mustNotSay)
            throws Exception {
        for (String command : COMMANDS) {
            CliRun.Result r = CliRun.simulated(state, "h1").line(command);
            assertEquals(ExitCode.DEVICE, r.code(), command + ": " + r);
            assertEquals("", r.out(), command + ": " + r);
            // The command's own closing "... failed." line aside (start, stop, remove, clear), one error line, said once
            // even when every --device path shares its cause.
            List<String> errors = r.errLines().stream().filter(l -> !l.endsWith(" failed.")).toList();
            assertEquals(1, errors.size(), command + ": one line: " + r);
            assertTrue(errors.getFirst().contains(real(state) + mustSay), command + ": " + r);
            if (mustNotSay != null) {
                assertFalse(r.err().contains(mustNotSay), command + ": " + r);
            }
        }
    }

    private static final String NOT_A_STATE_FILE = " is not an lvmpersist simulator state file; to create a "
            + "simulated SAN, name a file that does not exist yet: lvmpersist sim create-vg VG --pvs N --sim FILE";

    @Test
    void anEmptyFileIsNotAStateFile() throws Exception {
        Path state = Files.createFile(dir.resolve("empty.state"));
        assertEveryCommandFailsAsADeviceProblem(state, NOT_A_STATE_FILE, null);
        assertEquals(0, Files.size(state), "left as it was");
    }

    @Test
    void garbageIsNotAStateFile() throws Exception {
        Path state = dir.resolve("garbage.state");
        Files.write(state, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, (byte) 0xff, '\n', 'x'});
        assertEveryCommandFailsAsADeviceProblem(state, NOT_A_STATE_FILE, "ELF");
    }

    @Test
    void aSecretFileIsNeverEchoed() throws Exception {
        Path state = dir.resolve("shadow");
        Files.writeString(state, "# a comment line\n" + SECRET + "\ndaemon:*:19000:0:99999:7:::\n",
                StandardCharsets.UTF_8);
        assertEveryCommandFailsAsADeviceProblem(state, NOT_A_STATE_FILE, "S3cr3t");
        for (String command : COMMANDS) {
            CliRun.Result r = CliRun.simulated(state, "h1").line(command + " --debug");
            assertFalse((r.out() + r.err()).contains("S3cr3t"), command + " --debug: " + r);
            assertFalse((r.out() + r.err()).contains("daemon:"), command + " --debug: " + r);
        }
        assertTrue(Files.readString(state).contains(SECRET), "left as it was");
    }

    @Test
    void aLinkAtTheStateFilesNameIsRefusedAndItsTargetNeitherReadNorWritten() throws Exception {
        Path target = dir.resolve("shadow");
        Files.writeString(target, SECRET + "\n");
        Path state = Files.createSymbolicLink(dir.resolve("san.state"), target);
        assertEveryCommandFailsAsADeviceProblem(state, ": is a symbolic link; the simulator never reads or writes "
                + "through links (remove it)", "S3cr3t");
        assertEquals(SECRET + "\n", Files.readString(target));
        assertTrue(Files.isSymbolicLink(state));
    }

    @Test
    void aTruncatedStateFileIsCorruptAndSaysWhere() throws Exception {
        Path state = dir.resolve("san.state");
        SimSan.open(state).createVolumeGroup("vg0", 1, Personality.SCSI);
        String text = Files.readString(state);
        int cut = text.indexOf("personality=") + "personality=SC".length();   // in the middle of the lu line
        Files.writeString(state, text.substring(0, cut));
        assertEveryCommandFailsAsADeviceProblem(state, " is corrupt: line 3: ", null);
    }
}
