package io.lvmpersist.cli;

import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.sim.FailureKind;
import io.lvmpersist.transport.sim.Faults;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which stream each line goes to and how it reads, as the newest lvmpersist prints them: results on
 * stdout; summaries, negative answers and errors on stderr with "  lvmpersist: "; a final
 * "COMMAND GROUP failed." when a state-changing command fails; no raw control character anywhere.
 */
class MessagesAndStreamsTest {
    @TempDir
    Path dir;

    private record San(SimSan san, List<String> pvs, CliRun a, CliRun b) {
    }

    private San san(Personality personality, int pvs) throws Exception {
        Path state = dir.resolve("san-" + personality + pvs + ".state");
        SimSan san = SimSan.open(state);
        List<String> paths = san.createVolumeGroup("vg0", pvs, personality);
        CliRun a = CliRun.simulated(state, "hostA");
        return new San(san, paths, a, a.as("hostB"));
    }

    private static void ok(CliRun.Result result) {
        assertEquals(ExitCode.OK, result.code(), result::toString);
    }

    @Test
    void summariesOfTheStateChangingCommandsGoToStderrAndNothingToStdout() throws Exception {
        San s = san(Personality.SCSI, 2);
        CliRun.Result started = s.a().line("start --ourkey 0xa --access sh --vg vg0");
        ok(started);
        assertEquals("", started.out(), started::toString);
        assertEquals(List.of("  lvmpersist: started vg0 with key 0xa."), started.errLines());
        ok(s.b().line("start --ourkey 0xb --access sh --vg vg0"));
        CliRun.Result removed = s.b().line("remove --ourkey 0xb --removekey 0xa --vg vg0");
        ok(removed);
        assertEquals("", removed.out(), removed::toString);
        assertEquals(List.of("  lvmpersist: removed key 0xa for vg0."), removed.errLines());
        CliRun.Result stopped = s.b().line("stop --ourkey 0xb --vg vg0");
        ok(stopped);
        assertEquals("", stopped.out(), stopped::toString);
        assertEquals(List.of("  lvmpersist: stopped vg0 with key 0xb."), stopped.errLines());
        CliRun.Result cleared = s.a().line("clear --ourkey 0xa --vg vg0");
        ok(cleared);
        assertEquals("", cleared.out(), cleared::toString);
        assertEquals(List.of("  lvmpersist: cleared vg0 reservation and keys"), cleared.errLines());
    }

    @Test
    void aFailedStateChangingCommandEndsWithOneFailedLine() throws Exception {
        San s = san(Personality.SCSI, 2);
        ok(s.a().line("start --ourkey 0xa --vg vg0"));
        CliRun.Result start = s.b().line("start --ourkey 0xb --vg vg0");
        assertEquals(ExitCode.CONFLICT, start.code(), start::toString);
        assertEquals("", start.out(), start::toString);
        assertEquals("  lvmpersist: start vg0 failed.", start.errLines().getLast(), start::toString);
        assertEquals(1, start.errLines().stream().filter(l -> l.endsWith(" failed.")).count(), start::toString);

        CliRun.Result takeover = s.b().line("start --ourkey 0xb --removekey 0xc --vg vg0");
        assertTrue(takeover.code() != ExitCode.OK, takeover::toString);
        assertEquals("  lvmpersist: start vg0 failed.", takeover.errLines().getLast(), takeover::toString);

        CliRun.Result remove = s.b().line("remove --ourkey 0xb --removekey 0xa --vg vg0");
        assertTrue(remove.code() != ExitCode.OK, remove::toString);
        assertEquals("  lvmpersist: remove vg0 failed.", remove.errLines().getLast(), remove::toString);

        // A device that rejects every command: stop and clear fail on it.
        s.san().setFaults(s.san().lunOf(s.pvs().get(1)).orElseThrow(),
                Faults.builder().failNth(1, FailureKind.CONFLICT).failCount(Integer.MAX_VALUE).build());
        CliRun.Result stop = s.a().line("stop --ourkey 0xa --vg vg0");
        assertTrue(stop.code() != ExitCode.OK, stop::toString);
        assertEquals("  lvmpersist: stop vg0 failed.", stop.errLines().getLast(), stop::toString);
        CliRun.Result clear = s.a().line("clear --ourkey 0xa --device " + s.pvs().get(1));
        assertTrue(clear.code() != ExitCode.OK, clear::toString);
        assertEquals("  lvmpersist: clear pv2 failed.", clear.errLines().getLast(), clear::toString);
    }

    @Test
    void theFailedLineIsOnStderrInJsonModeTooAndTheDocumentIsUnchanged() throws Exception {
        San s = san(Personality.SCSI, 1);
        ok(s.a().line("start --ourkey 0xa --vg vg0"));
        CliRun.Result start = s.b().line("start --ourkey 0xb --vg vg0 --json");
        assertEquals(ExitCode.CONFLICT, start.code(), start::toString);
        assertEquals(1, start.outLines().size(), start::toString);
        assertFalse(start.out().contains("start vg0 failed."), "not in the JSON document: " + start);
        assertEquals("  lvmpersist: start vg0 failed.", start.errLines().getLast(), start::toString);
    }

    @Test
    void readsAndChecksThatFailDoNotPrintAFailedLine() throws Exception {
        San s = san(Personality.SCSI, 1);
        CliRun.Result check = s.a().line("check-key --key 0xa --vg vg0");
        assertEquals(ExitCode.FAILED, check.code(), check::toString);
        assertEquals(List.of("  lvmpersist: Device " + s.pvs().getFirst() + ": does not have key 0xa"),
                check.errLines(), check::toString);
        assertEquals("", check.out(), check::toString);
    }

    @Test
    void positiveAnswersOnStdoutNegativeOnStderr() throws Exception {
        San s = san(Personality.SCSI, 2);
        ok(s.a().line("start --ourkey 0xa --device " + s.pvs().getFirst()));
        CliRun.Result check = s.a().line("check-key --key 0xa --vg vg0");
        assertEquals(ExitCode.FAILED, check.code(), check::toString);
        assertEquals(List.of("Device " + s.pvs().get(0) + ": has key 0xa"), check.outLines(), check::toString);
        assertEquals(List.of("  lvmpersist: Device " + s.pvs().get(1) + ": does not have key 0xa"),
                check.errLines(), check::toString);

        s.san().setFaults(s.san().lunOf(s.pvs().get(1)).orElseThrow(),
                Faults.builder().unsupportedTypes(Set.of(ReservationType.WE)).build());
        CliRun.Result devtest = s.a().line("devtest --vg vg0");
        assertEquals(ExitCode.DEVICE, devtest.code(), devtest::toString);
        assertEquals(List.of("Device " + s.pvs().get(0) + ": supports type WE"), devtest.outLines(), devtest::toString);
        assertEquals(List.of("  lvmpersist: Device " + s.pvs().get(1) + ": does not support type WE"),
                devtest.errLines(), devtest::toString);
    }

    @Test
    void noReservationIsShownWithoutAHolder() throws Exception {
        for (Personality personality : Personality.values()) {
            San s = san(personality, 1);
            CliRun.Result read = s.a().line("read-reservation --vg vg0");
            ok(read);
            assertEquals(List.of("Device " + s.pvs().getFirst() + ": reservation: none"), read.outLines(),
                    read::toString);
        }
    }

    /** A reservation that cannot be read is an error on stderr, not a made-up result on stdout. */
    @Test
    void anUnreadableReservationIsOnlyAnError() throws Exception {
        San s = san(Personality.SCSI, 1);
        s.san().setFaults(s.san().lunOf(s.pvs().getFirst()).orElseThrow(), Faults.builder()
                .failNth(1, FailureKind.CONFLICT).failCount(Integer.MAX_VALUE).unitAttentions(false).build());
        CliRun.Result read = s.a().line("read-reservation --vg vg0");
        assertEquals(ExitCode.CONFLICT, read.code(), read::toString);
        assertEquals("", read.out(), read::toString);
        assertTrue(read.errLines().getFirst().startsWith("  lvmpersist: read reservation failed on " + s.pvs().getFirst()),
                read::toString);
    }

    /** lvmpersist sorts NVMe keys as numbers (sort -n on the decimal rkey) and SCSI keys as printed (sort -u). */
    @Test
    void nvmeKeysInNumericOrderScsiKeysInStringOrder() throws Exception {
        String expectedNvme = "0x9 0xa 0x10 0x8000000000000000";
        String expectedScsi = "0x10 0x8000000000000000 0x9 0xa";
        for (Personality personality : Personality.values()) {
            San s = san(personality, 1);
            for (String key : List.of("0x8000000000000000", "0x10", "0xa", "0x9")) {
                ok(s.a().as("host" + key).line("start --ourkey " + key + " --access sh --vg vg0"));
            }
            String keys = personality == Personality.NVME ? expectedNvme : expectedScsi;
            CliRun.Result read = s.a().line("read-keys --vg vg0");
            assertEquals(List.of("Device " + s.pvs().getFirst() + ": registered keys: " + keys), read.outLines(),
                    read::toString);
            CliRun.Result both = s.a().line("read --vg vg0");
            assertEquals("Device " + s.pvs().getFirst() + ": registered keys: " + keys, both.outLines().getFirst(),
                    both::toString);
        }
    }

    /** clear skips a device it cannot register on, clears the rest, and still verifies every device. */
    @Test
    void clearSkipsADeviceItCannotRegisterOnAndVerifiesIt() throws Exception {
        San s = san(Personality.SCSI, 2);
        // hostB has nothing registered anywhere; pv2 refuses hostB's registration (its other commands work).
        CliRun.Result cleared = clearWithRegistrationRefusedOn(s, s.pvs().get(1));
        ok(cleared);
        assertTrue(cleared.err().contains("  lvmpersist: clear vg0 skip " + s.pvs().get(1) + " without registration"),
                cleared::toString);
        assertEquals("  lvmpersist: cleared vg0 reservation and keys", cleared.errLines().getLast(), cleared::toString);
    }

    @Test
    void clearFailsWhenASkippedDeviceStillHoldsKeys() throws Exception {
        San s = san(Personality.SCSI, 2);
        ok(s.a().line("start --ourkey 0xa --vg vg0"));
        CliRun.Result cleared = clearWithRegistrationRefusedOn(s, s.pvs().get(1));
        assertEquals(ExitCode.FAILED, cleared.code(), cleared::toString);
        assertTrue(cleared.err().contains("clear vg0 skip " + s.pvs().get(1) + " without registration"),
                cleared::toString);
        assertTrue(cleared.err().contains("clear vg0 keys not cleared from " + s.pvs().get(1) + " - 0xa"),
                cleared::toString);
        assertEquals("  lvmpersist: clear vg0 failed.", cleared.errLines().getLast(), cleared::toString);
        // The other device was cleared all the same.
        assertEquals("Device " + s.pvs().get(0) + ": registered keys: none",
                s.a().line("read-keys --vg vg0").outLines().getFirst());
    }

    // hostB's clear with its REGISTER refused on pv (unit attentions off, so the command numbers are fixed).
    private static CliRun.Result clearWithRegistrationRefusedOn(San s, String pv) throws Exception {
        var lun = s.san().lunOf(pv).orElseThrow();
        // capabilities, read keys, then register: the third command of the device.
        s.san().setFaults(lun, Faults.builder().failNth(3, FailureKind.CONFLICT).failCount(1)
                .unitAttentions(false).build());
        return s.b().line("clear --ourkey 0xb --vg vg0");
    }

    @Test
    void controlCharactersEchoedBackAreEscaped() {
        CliRun cli = CliRun.withEnvironment();
        CliRun.Result read = cli.run("read", "--device", "/dev/sdz\u001b]0;owned\u0007\n  lvmpersist: ok");
        assertTrue(read.code() != ExitCode.OK, read::toString);
        assertTrue(read.err().chars().noneMatch(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f),
                read::toString);
        assertTrue(read.err().contains("/dev/sdz\\x1b]0;owned\\x07\\n  lvmpersist: ok"), read::toString);
        CliRun.Result start = cli.run("start", "--ourkey", "0xa", "--vg", "vg\u009b0", "--device", "/dev/sdz\t");
        assertTrue(start.code() != ExitCode.OK, start::toString);
        assertTrue(start.err().chars().noneMatch(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f),
                start::toString);
    }

    /** PrintWriter swallows write errors: a result that could not be written must not look like success. */
    @Test
    void aStdoutThatCannotBeWrittenFailsTheCommand() throws Exception {
        San s = san(Personality.SCSI, 1);
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of("LVMPERSIST_SIM", dir.resolve("san-SCSI1.state").toString(),
                "LVMPERSIST_SIM_HOST", "hostA", "LVMPERSIST_SYSLOG", "off");
        int code = new Cli(env, new PrintWriter(full), new PrintWriter(err)).run("read", "--vg", "vg0");
        assertEquals(ExitCode.FAILED, code, err::toString);
        assertEquals("  lvmpersist: error writing standard output: the results are incomplete.\n", err.toString());
        // The same read with a working stdout succeeds: the failure above came from the stream alone.
        ok(s.a().line("read --vg vg0"));
    }
}
