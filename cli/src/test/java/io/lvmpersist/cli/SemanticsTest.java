package io.lvmpersist.cli;

import io.lvmpersist.transport.sim.FailureKind;
import io.lvmpersist.transport.sim.Faults;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deliberate improvements over lvmpersist, each shown on the simulated SAN. */
class SemanticsTest {
    @TempDir
    Path dir;

    private record Setup(SimSan san, CliRun a, CliRun b, List<String> pvs) {
    }

    private Setup setUp(Personality personality, int pvs) throws Exception {
        Path state = Files.createTempFile(dir, "san", ".state");
        Files.delete(state);
        SimSan san = SimSan.open(state);
        List<String> paths = san.createVolumeGroup("vg0", pvs, personality);
        CliRun a = CliRun.simulated(state, "hostA");
        return new Setup(san, a, a.as("hostB"), paths);
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void ptplIsRequestedOnEveryDevice(Personality personality) throws Exception {
        Setup s = setUp(personality, 2);
        CliRun.Result start = s.a().line("start --ourkey 0xa --ptpl --vg vg0");
        assertEquals(ExitCode.OK, start.code(), start::toString);
        String described = s.san().describe();
        assertEquals(2, described.split("PTPL on", -1).length - 1, described);
    }

    @Test
    void withoutPtplNothingPersists() throws Exception {
        Setup s = setUp(Personality.SCSI, 2);
        assertEquals(ExitCode.OK, s.a().line("start --ourkey 0xa --vg vg0").code());
        assertFalse(s.san().describe().contains("PTPL on"));
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void concurrentSharedStartsByTwoHostsBothSucceed(Personality personality) throws Exception {
        // lvm 2.03.42: a WEAR reserve that fails because the other host created it meanwhile is accepted.
        for (int round = 0; round < 10; round++) {
            Setup s = setUp(personality, 4);
            CompletableFuture<CliRun.Result> a = CompletableFuture.supplyAsync(
                    () -> s.a().line("start --ourkey 0xa --access sh --vg vg0"));
            CompletableFuture<CliRun.Result> b = CompletableFuture.supplyAsync(
                    () -> s.b().line("start --ourkey 0xb --access sh --vg vg0"));
            assertEquals(ExitCode.OK, a.get().code(), a.get()::toString);
            assertEquals(ExitCode.OK, b.get().code(), b.get()::toString);
            for (String pv : s.pvs()) {
                assertEquals(List.of("Device " + pv + ": registered keys: 0xa 0xb", "Device " + pv + ": reservation: WEAR"),
                        s.a().line("read --device " + pv).outLines());
            }
        }
    }

    @Test
    void aTakeoverThatFailsHalfwayKeepsTakenDevicesAndSaysSo() throws Exception {
        Setup s = setUp(Personality.SCSI, 3);
        assertEquals(ExitCode.OK, s.a().line("start --ourkey 0xa --vg vg0").code());
        // pv3: support check (1), read keys (2), register (3) succeed; preempt-and-abort (4) fails.
        s.san().setFaults(s.san().lunOf(s.pvs().get(2)).orElseThrow(),
                Faults.builder().failNth(4, FailureKind.DEVICE_ERROR).unitAttentions(false).build());
        CliRun.Result result = s.b().line("start --ourkey 0xb --removekey 0xa --vg vg0");
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        List<String> err = result.errLines();
        assertTrue(result.err().contains("start vg0 failed to preempt-abort 0xa on " + s.pvs().get(2)), result::toString);
        assertTrue(err.contains("  lvmpersist: start vg0: " + s.pvs().get(0) + ": taken over (kept: releasing would "
                + "leave it unreserved with 0xa removed); 0xb registered, 0xa not registered, reservation WE held by 0xb"),
                result::toString);
        // Our key stays where the preempt failed (a key is not ownership); the report says 0xa still holds it.
        assertTrue(err.contains("  lvmpersist: start vg0: " + s.pvs().get(2)
                + ": 0xb registered, 0xa registered, reservation WE held by 0xa"), result::toString);
        assertTrue(result.err().contains("WARNING: takeover of vg0 is partial: 2 of 3 devices are held by 0xb"),
                result::toString);
        for (String pv : s.pvs()) {
            assertFalse(s.a().line("read-keys --device " + pv).out().contains("registered keys: none"),
                    pv + " must keep a key");
        }
    }

    @Test
    void aFailedTakeoverKeepsOurRegistrationWhereItExistedBefore() throws Exception {
        Setup s = setUp(Personality.SCSI, 2);
        assertEquals(ExitCode.OK, s.a().line("start --ourkey 0xa --access sh --vg vg0").code());
        assertEquals(ExitCode.OK, s.b().line("start --ourkey 0xb --access sh --vg vg0").code());
        // pv2: support check (1), read keys (2), register (3) succeed; preempt-and-abort (4) fails.
        s.san().setFaults(s.san().lunOf(s.pvs().get(1)).orElseThrow(),
                Faults.builder().failNth(4, FailureKind.DEVICE_ERROR).unitAttentions(false).build());
        CliRun.Result result = s.b().line("start --ourkey 0xb --removekey 0xa --vg vg0");
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        assertEquals(List.of("Device " + s.pvs().get(1) + ": registered keys: 0xa 0xb"),
                s.a().line("read-keys --device " + s.pvs().get(1)).outLines());
    }

    @Test
    void aFailedTakeoverKeepsTheKeyItRegisteredAndSaysWhoHoldsTheDevice() throws Exception {
        Setup s = setUp(Personality.SCSI, 2);
        assertEquals(ExitCode.OK, s.a().line("start --ourkey 0xa --vg vg0").code());
        s.san().setFaults(s.san().lunOf(s.pvs().get(1)).orElseThrow(),
                Faults.builder().failNth(4, FailureKind.DEVICE_ERROR).unitAttentions(false).build());
        CliRun.Result result = s.b().line("start --ourkey 0xb --removekey 0xa --vg vg0");
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        assertTrue(result.errLines().contains("  lvmpersist: start vg0: " + s.pvs().get(1)
                + ": 0xb registered, 0xa registered, reservation WE held by 0xa"), result::toString);
        assertEquals(List.of("Device " + s.pvs().get(1) + ": registered keys: 0xa 0xb"),
                s.a().line("read-keys --device " + s.pvs().get(1)).outLines());
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void aTakeoverChecksTypeSupportBeforeChangingAnything(Personality personality) throws Exception {
        Setup s = setUp(personality, 2);
        assertEquals(ExitCode.OK, s.a().line("start --ourkey 0xa --access sh --vg vg0").code());
        s.san().setFaults(s.san().lunOf(s.pvs().get(1)).orElseThrow(),
                Faults.builder().unsupportedTypes(java.util.Set.of(io.lvmpersist.transport.ReservationType.WE)).build());
        CliRun.Result result = s.b().line("start --ourkey 0xb --removekey 0xa --vg vg0");
        assertEquals(ExitCode.DEVICE, result.code(), result::toString);
        assertTrue(result.err().contains("start vg0 " + s.pvs().get(1) + " does not support reservation type WE."),
                result::toString);
        assertTrue(result.err().contains("start vg0: no device was changed."), result::toString);
        for (String pv : s.pvs()) {
            assertEquals(List.of("Device " + pv + ": registered keys: 0xa"), s.a().line("read-keys --device " + pv)
                    .outLines(), pv + " unchanged");
        }
    }

    @Test
    void aTimeoutIsReportedAsSuchInJson() throws Exception {
        Setup s = setUp(Personality.NVME, 2);
        s.san().setFaults(s.san().lunOf(s.pvs().get(1)).orElseThrow(),
                Faults.builder().failNth(1, FailureKind.TIMEOUT).failCount(Integer.MAX_VALUE).build());
        CliRun.Result result = s.a().line("read-keys --json --vg vg0");
        assertEquals(ExitCode.FAILED, result.code(), result::toString);
        assertTrue(result.out().contains("\"device\":\"" + s.pvs().get(1) + "\",\"class\":\"nvme\",\"transport\":\"sim\","
                + "\"outcome\":\"failed\",\"error\":{\"kind\":\"timeout\""), result::toString);
        assertTrue(result.out().contains("\"outcome\":\"ok\",\"generation\":0,\"keys\":[]"), result::toString);
    }

    @Test
    void aDeviceWithoutPrIsReportedByReadAndRefusedByStart() throws Exception {
        Setup s = setUp(Personality.SCSI, 2);
        s.san().setFaults(s.san().lunOf(s.pvs().get(1)).orElseThrow(), Faults.builder().prSupported(false).build());
        CliRun.Result read = s.a().line("read --vg vg0");
        assertEquals(ExitCode.OK, read.code(), read::toString);
        assertEquals(List.of("Device " + s.pvs().get(0) + ": registered keys: none",
                "Device " + s.pvs().get(1) + ": does not support PR",
                "Device " + s.pvs().get(0) + ": reservation: none"), read.outLines());
        CliRun.Result start = s.a().line("start --ourkey 0xa --vg vg0");
        assertEquals(ExitCode.DEVICE, start.code(), start::toString);
        assertTrue(start.err().contains("start vg0 " + s.pvs().get(1) + " does not support reservation type WE."),
                start::toString);
    }

    @Test
    void mixedScsiAndNvmeVgGetsEachItsOwnCommands() throws Exception {
        Path state = Files.createTempFile(dir, "san", ".state");
        Files.delete(state);
        SimSan san = SimSan.open(state);
        String scsi = san.createVolumeGroup("s", 1, Personality.SCSI).getFirst();
        String nvme = san.createVolumeGroup("n", 1, Personality.NVME).getFirst();
        CliRun a = CliRun.simulated(state, "hostA");
        CliRun b = a.as("hostB");
        String devices = "--device " + scsi + " --device " + nvme;
        assertEquals(ExitCode.OK, a.line("start --ourkey 0xa --access sh " + devices).code());
        assertEquals(ExitCode.OK, b.line("start --ourkey 0xb --access sh " + devices).code());
        CliRun.Result removed = b.line("remove --ourkey 0xb --removekey 0xa " + devices);
        assertEquals(ExitCode.OK, removed.code(), removed::toString);
        assertEquals(List.of("  lvmpersist: removed key 0xa for pv1:pv1."), removed.errLines());
        assertFalse(san.canWrite(scsi, "hostA"));
        assertFalse(san.canWrite(nvme, "hostA"));
    }

    @Test
    void removingAnAbsentKeySucceedsAndSaysSo() throws Exception {
        Setup s = setUp(Personality.SCSI, 1);
        assertEquals(ExitCode.OK, s.b().line("start --ourkey 0xb --access sh --vg vg0").code());
        CliRun.Result result = s.b().line("remove --ourkey 0xb --removekey 0xa --json --vg vg0");
        assertEquals(ExitCode.OK, result.code(), result::toString);
        assertTrue(result.out().contains("\"state\":\"key 0xa not registered (nothing to remove)\""), result::toString);
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void takeoverOfADeviceSharedUnderWearKeepsTheAllRegistrantsReservation(Personality personality) throws Exception {
        Setup s = setUp(personality, 2);
        assertEquals(ExitCode.OK, s.a().line("start --ourkey 0xa --access sh --vg vg0").code());
        CliRun.Result takeover = s.b().line("start --ourkey 0xb --removekey 0xa --json --vg vg0");
        assertEquals(ExitCode.OK, takeover.code(), takeover::toString);
        assertTrue(takeover.out().contains("\"state\":\"taken over: 0xa removed; 0xb is the only registrant of the WEAR "
                + "reservation\""), takeover::toString);
        for (String pv : s.pvs()) {
            assertFalse(s.san().canWrite(pv, "hostA"), "A is fenced from " + pv);
            assertTrue(s.san().canWrite(pv, "hostB"));
        }
    }
}
