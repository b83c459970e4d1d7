package io.lvmpersist.cli;

import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.sim.FailureKind;
import io.lvmpersist.transport.sim.Faults;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two hosts, A (key 0xa) and B (key 0xb), sharing one simulated SAN through a state file, exactly as
 * two lvmpersist processes on two machines would share a SAN.
 */
class MultiHostScenariosTest {
    @TempDir
    Path dir;
    Path state;
    SimSan san;
    CliRun a;
    CliRun b;
    List<String> pvs;

    void setUp(Personality personality) throws Exception {
        state = Files.createTempFile(dir, "san", ".state");
        Files.delete(state);
        san = SimSan.open(state);
        pvs = san.createVolumeGroup("vg0", 3, personality);
        a = CliRun.simulated(state, "hostA");
        b = a.as("hostB");
    }

    @BeforeEach
    void scsiByDefault() throws Exception {
        setUp(Personality.SCSI);
    }

    private static void ok(CliRun.Result result) {
        assertEquals(ExitCode.OK, result.code(), result::toString);
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void exclusiveStartByAThenBFailsWithConflictAtTheFirstDeviceAndKeepsItsKeyThere(Personality personality)
            throws Exception {
        setUp(personality);
        CliRun.Result started = a.line("start --ourkey 0xa --vg vg0");
        ok(started);
        assertEquals(List.of("  lvmpersist: started vg0 with key 0xa."), started.errLines());

        // B loses at the first device and goes no further; its key stays there (upstream: a key is not
        // ownership of WE), and the report says what is true on each device.
        CliRun.Result blocked = b.line("start --ourkey 0xb --vg vg0");
        assertEquals(ExitCode.CONFLICT, blocked.code(), blocked::toString);
        assertEquals(List.of(
                "  lvmpersist: start vg0 failed to reserve " + pvs.get(0) + ": reservation conflict (WE is held by key 0xa)",
                "  lvmpersist: start vg0: " + pvs.get(0) + ": 0xb registered, reservation WE held by 0xa",
                "  lvmpersist: start vg0: " + pvs.get(1) + ": not attempted; 0xb not registered, reservation WE held by 0xa",
                "  lvmpersist: start vg0: " + pvs.get(2) + ": not attempted; 0xb not registered, reservation WE held by 0xa",
                "  lvmpersist: start vg0 failed."),
                blocked.errLines(), blocked::toString);

        CliRun.Result read = b.line("read --vg vg0");
        ok(read);
        assertEquals(List.of(
                "Device " + pvs.get(0) + ": registered keys: 0xa 0xb",
                "Device " + pvs.get(1) + ": registered keys: 0xa",
                "Device " + pvs.get(2) + ": registered keys: 0xa",
                "Device " + pvs.get(0) + ": reservation: WE holder 0xa",
                "Device " + pvs.get(1) + ": reservation: WE holder 0xa",
                "Device " + pvs.get(2) + ": reservation: WE holder 0xa"), read.outLines());
        for (String pv : pvs) {
            assertTrue(san.canWrite(pv, "hostA"));
            assertFalse(san.canWrite(pv, "hostB"), "B must not write " + pv);
        }
        ok(b.line("stop --ourkey 0xb --vg vg0"));
        assertEquals("Device " + pvs.get(0) + ": registered keys: 0xa", b.line("read-keys --vg vg0").outLines().get(0));
    }

    @Test
    void startIsRepeatable() {
        ok(a.line("start --ourkey 0xa --vg vg0"));
        ok(a.line("start --ourkey 0xa --vg vg0"));
        assertEquals("Device " + pvs.getFirst() + ": registered keys: 0xa",
                a.line("read-keys --vg vg0").outLines().getFirst());
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void sharedStartByBothHosts(Personality personality) throws Exception {
        setUp(personality);
        ok(a.line("start --ourkey 0xa --access sh --vg vg0"));
        ok(b.line("start --ourkey 0xb --access sh --vg vg0"));
        CliRun.Result read = a.line("read --device " + pvs.getFirst());
        assertEquals(List.of("Device " + pvs.getFirst() + ": registered keys: 0xa 0xb",
                "Device " + pvs.getFirst() + ": reservation: WEAR"), read.outLines());
        assertTrue(san.canWrite(pvs.getFirst(), "hostA"));
        assertTrue(san.canWrite(pvs.getFirst(), "hostB"));
        assertFalse(san.canWrite(pvs.getFirst(), "hostC"));
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void takeoverByBRemovesAAndFencesIt(Personality personality) throws Exception {
        setUp(personality);
        ok(a.line("start --ourkey 0xa --vg vg0"));
        CliRun.Result takeover = b.line("start --ourkey 0xb --removekey 0xa --vg vg0");
        ok(takeover);
        assertEquals(List.of("  lvmpersist: started vg0 with key 0xb."), takeover.errLines());
        for (String pv : pvs) {
            assertEquals("Device " + pv + ": reservation: WE holder 0xb", b.line("read-reservation --device " + pv)
                    .outLines().getFirst());
            assertFalse(san.canWrite(pv, "hostA"), "A must be fenced from " + pv);
        }
    }

    @Test
    void takeoverRefusesWhenTheOtherKeyIsMissingAndChangesNothing() {
        ok(a.line("start --ourkey 0xa --vg vg0"));
        CliRun.Result result = b.line("start --ourkey 0xb --removekey 0xc --vg vg0");
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        assertTrue(result.err().contains("start vg0 specified key to remove 0xc not found on " + pvs.getFirst() + "."),
                result::toString);
        assertEquals("Device " + pvs.getFirst() + ": registered keys: 0xa",
                a.line("read-keys --vg vg0").outLines().getFirst());
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void removeFencesTheOtherHostOfASharedVg(Personality personality) throws Exception {
        setUp(personality);
        ok(a.line("start --ourkey 0xa --access sh --vg vg0"));
        ok(b.line("start --ourkey 0xb --access sh --vg vg0"));
        CliRun.Result removed = b.line("remove --ourkey 0xb --removekey 0xa --vg vg0");
        ok(removed);
        assertEquals(List.of("  lvmpersist: removed key 0xa for vg0."), removed.errLines());
        CliRun.Result check = a.line("check-key --key 0xa --vg vg0");
        assertEquals(ExitCode.FAILED, check.code(), check::toString);
        assertEquals("  lvmpersist: Device " + pvs.getFirst() + ": does not have key 0xa", check.errLines().getFirst());
        for (String pv : pvs) {
            assertFalse(san.canWrite(pv, "hostA"), "A must be fenced from " + pv);
            assertTrue(san.canWrite(pv, "hostB"));
        }
    }

    @Test
    void removeNeedsOurKeyRegistered() {
        ok(a.line("start --ourkey 0xa --vg vg0"));
        CliRun.Result result = b.line("remove --ourkey 0xb --removekey 0xa --vg vg0");
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        assertTrue(result.err().contains("cannot remove 0xa from " + pvs.getFirst()
                + " without ourkey 0xb being registered"), result::toString);
    }

    @Test
    void stopUnregistersAndIsRepeatable() {
        ok(a.line("start --ourkey 0xa --vg vg0"));
        CliRun.Result stopped = a.line("stop --ourkey 0xa --vg vg0");
        ok(stopped);
        assertEquals(List.of("  lvmpersist: stopped vg0 with key 0xa."), stopped.errLines());
        ok(a.line("stop --ourkey 0xa --vg vg0"));
        assertEquals(List.of("Device " + pvs.getFirst() + ": registered keys: none",
                "Device " + pvs.getFirst() + ": reservation: none"),
                a.line("read --device " + pvs.getFirst()).outLines());
    }

    @Test
    void clearFromAnUnregisteredHostWipesEverything() {
        ok(a.line("start --ourkey 0xa --vg vg0"));
        CliRun.Result cleared = b.line("clear --ourkey 0xb --vg vg0");
        ok(cleared);
        assertEquals(List.of("  lvmpersist: cleared vg0 reservation and keys"), cleared.errLines());
        assertEquals("Device " + pvs.get(1) + ": registered keys: none", b.line("read-keys --vg vg0").outLines().get(1));
    }

    @Test
    void devtestAndCheckKey() throws Exception {
        san.setFaults(san.lunOf(pvs.get(1)).orElseThrow(),
                Faults.builder().unsupportedTypes(java.util.Set.of(io.lvmpersist.transport.ReservationType.WE)).build());
        CliRun.Result devtest = a.line("devtest --vg vg0");
        assertEquals(ExitCode.DEVICE, devtest.code(), devtest::toString);
        assertEquals(List.of("Device " + pvs.get(0) + ": supports type WE",
                "Device " + pvs.get(2) + ": supports type WE"), devtest.outLines());
        assertEquals(List.of("  lvmpersist: Device " + pvs.get(1) + ": does not support type WE"), devtest.errLines());
        CliRun.Result start = a.line("start --ourkey 0xa --vg vg0");
        assertEquals(ExitCode.DEVICE, start.code(), start::toString);
        assertTrue(start.err().contains("start vg0 " + pvs.get(1) + " does not support reservation type WE."),
                start::toString);
        assertEquals("Device " + pvs.getFirst() + ": registered keys: none",
                a.line("read-keys --vg vg0").outLines().getFirst(), "nothing changed");
        ok(a.line("start --ourkey 0xa --access sh --vg vg0"));
        ok(a.line("check-key --key 0xa --vg vg0"));
    }

    @Test
    void failedStartKeepsOurKeyAndReleasesOnlyTheReservationsItTook() throws Exception {
        // pv1 already carries our registration from before; pv3's reservation cannot be read (its 5th command:
        // support check, then read keys, register, read keys, read reservation).
        ok(a.line("start --ourkey 0xa --device " + pvs.get(0)));
        ok(b.line("start --ourkey 0xb --device " + pvs.get(1)));
        ok(b.line("stop --ourkey 0xb --device " + pvs.get(1)));
        san.setFaults(san.lunOf(pvs.get(2)).orElseThrow(),
                Faults.builder().failNth(5, FailureKind.DEVICE_ERROR).unitAttentions(false).build());
        CliRun.Result result = a.line("start --ourkey 0xa --vg vg0");
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        assertTrue(result.err().contains("start vg0 cannot read the reservation of " + pvs.get(2)), result::toString);
        // pv1's reservation was ours before the run: kept. pv2's was taken by this run: released.
        assertTrue(result.errLines().contains("  lvmpersist: start vg0: " + pvs.get(0)
                + ": 0xa registered, reservation WE held by 0xa"), result::toString);
        assertTrue(result.errLines().contains("  lvmpersist: start vg0: " + pvs.get(1)
                + ": released the WE reservation this run took; 0xa registered, no reservation"), result::toString);
        assertTrue(result.errLines().contains("  lvmpersist: start vg0: " + pvs.get(2)
                + ": 0xa registered, no reservation"), result::toString);
        CliRun.Result read = a.line("read --vg vg0");
        assertEquals(List.of("Device " + pvs.get(0) + ": registered keys: 0xa",
                "Device " + pvs.get(1) + ": registered keys: 0xa",
                "Device " + pvs.get(2) + ": registered keys: 0xa",
                "Device " + pvs.get(0) + ": reservation: WE holder 0xa",
                "Device " + pvs.get(1) + ": reservation: none",
                "Device " + pvs.get(2) + ": reservation: none"), read.outLines(), read::toString);
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void failedStartWithANewKeyGivesBackTheOldKeyAndItsReservation(Personality personality) throws Exception {
        setUp(personality);
        ok(a.line("start --ourkey 0xa --vg vg0"));
        // Host A starts again under a new key; registering replaces 0xa by 0xa2 (and the reservation follows the
        // key). pv3 then fails at its registration (its 3rd command: support check, read keys, register).
        san.setFaults(san.lunOf(pvs.get(2)).orElseThrow(),
                Faults.builder().failNth(3, FailureKind.DEVICE_ERROR).unitAttentions(false).build());
        CliRun.Result result = a.line("start --ourkey 0xa2 --vg vg0");
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        for (int i = 0; i < 2; i++) {
            assertTrue(result.errLines().contains("  lvmpersist: start vg0: " + pvs.get(i)
                    + ": gave back key 0xa that 0xa2 had replaced; 0xa2 not registered, 0xa registered, "
                    + "reservation WE held by 0xa"), result::toString);
        }
        CliRun.Result read = a.line("read --vg vg0");
        assertEquals(List.of("Device " + pvs.get(0) + ": registered keys: 0xa",
                "Device " + pvs.get(1) + ": registered keys: 0xa",
                "Device " + pvs.get(2) + ": registered keys: 0xa",
                "Device " + pvs.get(0) + ": reservation: WE holder 0xa",
                "Device " + pvs.get(1) + ": reservation: WE holder 0xa",
                "Device " + pvs.get(2) + ": reservation: WE holder 0xa"), read.outLines(), read::toString);
        for (String pv : pvs) {
            assertTrue(san.canWrite(pv, "hostA"));
            assertFalse(san.canWrite(pv, "hostB"), "the VG stays fenced from B: " + pv);
        }
    }

    @Test
    void removeDoesNotPreemptWhereTheReservationCannotBeRead() throws Exception {
        ok(a.line("start --ourkey 0xa --access sh --vg vg0"));
        ok(b.line("start --ourkey 0xb --access sh --vg vg0"));
        // pv2: read keys (1) works, read reservation (2) fails: remove must not guess the type and preempt.
        san.setFaults(san.lunOf(pvs.get(1)).orElseThrow(),
                Faults.builder().failNth(2, FailureKind.DEVICE_ERROR).unitAttentions(false).build());
        CliRun.Result result = b.line("remove --ourkey 0xb --removekey 0xa --vg vg0");
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        assertTrue(result.err().contains("remove vg0 cannot read the reservation of " + pvs.get(1)), result::toString);
        assertEquals(Optional.of(ReservationKey.of(0xa)), san.registeredKey(pvs.get(1), "hostA"), "not preempted");
        assertEquals(Optional.empty(), san.registeredKey(pvs.get(0), "hostA"));
    }

    @Test
    void jsonAfterAFailedStartShowsTheFinalKeysAndGeneration() {
        ok(a.line("start --ourkey 0xa --vg vg0"));
        CliRun.Result blocked = b.line("start --ourkey 0xb --json --vg vg0");
        assertEquals(ExitCode.CONFLICT, blocked.code(), blocked::toString);
        CliRun.Result keys = b.line("read-keys --json --device " + pvs.getFirst());
        String generation = keys.out().replaceAll("(?s).*\"generation\":(\\d+),\"keys\":\\[\"0xa\",\"0xb\"].*", "$1");
        assertTrue(generation.matches("\\d+"), keys::toString);
        assertTrue(blocked.out().contains("\"device\":\"" + pvs.getFirst() + "\",\"class\":\"scsi\",\"transport\":\"sim\","
                + "\"outcome\":\"failed\",\"state\":\"0xb registered, reservation WE held by 0xa\",\"type\":\"WE\","
                + "\"generation\":" + generation + ",\"keys\":[\"0xa\",\"0xb\"],"
                + "\"reservation\":{\"type\":\"WE\",\"holder\":\"0xa\"}"), blocked::toString);
    }

    @Test
    void removeNamesTheDeviceThatCannotBeReached() throws Exception {
        ok(a.line("start --ourkey 0xa --access sh --vg vg0"));
        ok(b.line("start --ourkey 0xb --access sh --vg vg0"));
        san.setFaults(san.lunOf(pvs.get(1)).orElseThrow(),
                Faults.builder().failNth(1, FailureKind.TIMEOUT).failCount(Integer.MAX_VALUE).build());
        CliRun.Result result = b.line("remove --ourkey 0xb --removekey 0xa --vg vg0");
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        assertTrue(result.err().contains(pvs.get(1)), result::toString);
        assertFalse(san.canWrite(pvs.get(0), "hostA"));
    }

    @Test
    void jsonReadIsOneDocument() {
        ok(a.line("start --ourkey 0xa --vg vg0"));
        CliRun.Result json = a.line("read --json --device " + pvs.getFirst());
        ok(json);
        String out = json.out().strip();
        assertTrue(out.startsWith("{\"command\":\"read\",\"group\":\"pv1\",\"ok\":true,\"exitCode\":0,\"devices\":[{"),
                out);
        assertTrue(out.contains("\"device\":\"" + pvs.getFirst() + "\""), out);
        assertTrue(out.contains("\"keys\":[\"0xa\"]"), out);
        assertTrue(out.contains("\"reservation\":{\"type\":\"WE\",\"holder\":\"0xa\"}"), out);
        assertEquals(1, json.outLines().size());
    }

    @Test
    void aDeviceOutsideTheSimulatedSanIsRefusedByName() {
        CliRun.Result result = a.line("read --device /dev/sdz");
        assertEquals(ExitCode.DEVICE, result.code(), result::toString);
        assertTrue(result.err().contains("device type not supported for /dev/sdz."), result::toString);
    }

    @Test
    void theSameDeviceNamedTwiceIsActedOnOnce() {
        CliRun.Result result = a.line("read-keys --device " + pvs.getFirst() + " --device " + pvs.getFirst());
        ok(result);
        assertEquals(1, result.outLines().size(), result::toString);
    }

    @Test
    void fencedHostSeesItsWritesRefusedThroughTheSimCommand() {
        ok(a.line("start --ourkey 0xa --vg vg0"));
        assertEquals(ExitCode.OK, a.line("sim write --device " + pvs.getFirst()).code());
        CliRun.Result refused = b.line("sim write --device " + pvs.getFirst());
        assertEquals(ExitCode.CONFLICT, refused.code(), refused::toString);
        assertEquals("write to " + pvs.getFirst() + " by host hostB: reservation conflict", refused.out().strip());
    }
}
