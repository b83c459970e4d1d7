package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API and the state file: round trip, format, validation. */
class FileBackedSanTest {
    private static final ReservationKey K1 = ReservationKey.of(0x100000000000a001L);
    private static final ReservationKey K2 = ReservationKey.of(0x100000000000a002L);

    @TempDir
    Path dir;

    @Test
    void openCreatesTheFileAndAVolumeGroupGetsNumberedPaths() throws IOException {
        Path file = dir.resolve("san.state");
        SimSan san = SimSan.open(file);
        assertTrue(Files.exists(file));
        assertEquals(List.of("/dev/sim/vg0/pv1", "/dev/sim/vg0/pv2", "/dev/sim/vg0/pv3"),
                san.createVolumeGroup("vg0", 3, Personality.SCSI));
        assertEquals(Optional.of(List.of("/dev/sim/vg0/pv1", "/dev/sim/vg0/pv2", "/dev/sim/vg0/pv3")),
                san.volumeGroup("vg0"));
        assertEquals(Optional.empty(), san.volumeGroup("vg1"));
        assertEquals(List.of("vg0"), san.volumeGroups());
        assertEquals(Optional.of("vg0-pv2"), san.lunOf("/dev/sim/vg0/pv2"));
        assertEquals(Optional.empty(), san.lunOf("/dev/sim/vg0/pv4"));
    }

    @Test
    void everythingSurvivesAReopenAndIsSeenByAnotherInstance() throws DeviceException {
        Path file = dir.resolve("san.state");
        SimSan first = SimSan.open(file);
        first.createVolumeGroup("vg0", 2, Personality.SCSI);
        first.createLun("ns1", Personality.NVME, DeviceClass.NVME);
        first.bind("/dev/loop3", "ns1");
        Faults faults = Faults.builder().latency(Duration.ofMillis(3)).failNth(9, FailureKind.NOT_READY).failCount(2)
                .timeoutAfter(Duration.ofSeconds(5)).unsupportedTypes(Set.of(ReservationType.EA,
                        ReservationType.EAAR)).build();
        first.setFaults("vg0-pv2", faults);
        PrDevice h1 = first.device("/dev/sim/vg0/pv1", "node-1");
        PrDevice h2 = first.device("/dev/sim/vg0/pv1", "node-2");
        h1.register(ReservationKey.NONE, K1, true, true);
        h2.register(ReservationKey.NONE, K2, true, false);
        h1.reserve(K1, ReservationType.WERO);
        h1.release(K1, ReservationType.WERO); // queues a unit attention for node-2
        h1.reserve(K1, ReservationType.WE);
        first.device("/dev/loop3", "node-2").register(ReservationKey.NONE, K2, true, true);
        first.device("/dev/loop3", "node-2").reserve(K2, ReservationType.WEAR);

        SimSan second = SimSan.open(file);
        assertEquals(first.describe(), second.describe());
        assertEquals(faults, second.faults("vg0-pv2"));
        assertEquals(Optional.of(K2), second.registeredKey("/dev/sim/vg0/pv1", "node-2"));
        assertFalse(second.canWrite("/dev/sim/vg0/pv1", "node-2"));
        assertTrue(second.canWrite("/dev/loop3", "node-2"));
        assertFalse(second.device("/dev/sim/vg0/pv1", "node-2").readKeys().isOk(), "pending unit attention kept");
        assertEquals(DeviceClass.NVME, second.device("/dev/loop3", "x").deviceClass());
    }

    @Test
    void rewritingTheFileKeepsItsPermissions() throws IOException {
        Path file = dir.resolve("shared.state");
        SimSan san = SimSan.open(file);
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(file, shared);
        san.createVolumeGroup("vg0", 1, Personality.SCSI);
        assertEquals(shared, Files.getPosixFilePermissions(file));
    }

    @Test
    void theStateFileIsReadableText() throws Exception {
        Path file = dir.resolve("san.state");
        SimSan san = SimSan.open(file);
        san.createVolumeGroup("vg0", 1, Personality.NVME);
        PrDevice d = san.device("/dev/sim/vg0/pv1", "node-1");
        d.register(ReservationKey.NONE, K1, true, false);
        d.reserve(K1, ReservationType.WEAR);
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.contains("lvmpersist-sim-san 1"), lines.toString());
        assertTrue(lines.contains("lun vg0-pv1 personality=NVME class=NVME generation=1 ptpl=false commands=0"),
                lines.toString());
        assertTrue(lines.contains("registration vg0-pv1 node-1 0x100000000000a001"), lines.toString());
        assertTrue(lines.contains("reservation vg0-pv1 WEAR holder=node-1"), lines.toString());
        assertTrue(lines.contains("path /dev/sim/vg0/pv1 vg0-pv1"), lines.toString());
        assertTrue(lines.contains("vg vg0 /dev/sim/vg0/pv1"), lines.toString());
    }

    @Test
    void theCodecRoundTripsEveryRecordExactly() {
        String text = """
                # lvmpersist simulated SAN; edit only while no process uses it. See docs/simulator.md.
                lvmpersist-sim-san 1
                lun a personality=SCSI class=MULTIPATH generation=7 ptpl=true commands=3
                faults a latency-ms=5 fail-nth=4 fail-count=1 fail-kind=TIMEOUT timeout-ms=100 \
                unit-attentions=false pr-supported=true unsupported-types=WE,EAAR
                registration a h1 0x1
                registration a h2 0xffffffffffffffff
                reservation a EARO holder=h2
                unit-attention a h1 2A/05 2A/04
                lun b personality=NVME class=NVME generation=0 ptpl=false commands=0
                registration b h3 0x3
                reservation b EAAR holder=h3
                lun c personality=SCSI class=SCSI generation=1 ptpl=false commands=0
                registration c h1 0x1
                reservation c WEAR holder=-
                path /dev/mapper/mpatha a
                path /dev/nvme0n1 b
                vg vg1 /dev/mapper/mpatha /dev/nvme0n1
                vg empty
                """;
        assertEquals(text, SanStateCodec.write(SanStateCodec.read(text)));
    }

    @Test
    void aCorruptFileIsReportedWithItsLineNumber() throws IOException {
        Path file = dir.resolve("san.state");
        Files.writeString(file, "lvmpersist-sim-san 1\nlun a personality=SCSI class=SCSI generation=x ptpl=false "
                + "commands=0\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SimSan.open(file));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aStateFileBrokenWhileInUseFailsCommandsAsDeviceErrors() throws Exception {
        Path file = dir.resolve("san.state");
        SimSan san = SimSan.open(file);
        san.createVolumeGroup("vg0", 1, Personality.SCSI);
        PrDevice d = san.device("/dev/sim/vg0/pv1", "node-1");
        Files.writeString(file, "garbage\n");
        Failure f = d.readKeys().failureOrNull();
        Failure.DeviceError error = assertInstanceOf(Failure.DeviceError.class, f);
        assertTrue(error.detail().contains("corrupt"), error.detail());
    }

    @Test
    void anotherVersionOrUnknownRecordIsRejected() {
        IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
                () -> SanStateCodec.read("lvmpersist-sim-san 2\n"));
        assertTrue(version.getMessage().contains("unsupported version 2"), version.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.read("lvmpersist-sim-san 1\nlunx a\n"));
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.read("# nothing\n"));
        assertThrows(IllegalArgumentException.class,
                () -> SanStateCodec.read("lvmpersist-sim-san 1\nregistration nolun h1 0x1\n"));
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.read(
                "lvmpersist-sim-san 1\nlun a personality=SCSI class=SCSI generation=0 ptpl=false commands=0\n"
                        + "registration a h1 0x0\n"));
        String lun = "lvmpersist-sim-san 1\nlun a personality=SCSI class=SCSI generation=0 ptpl=false commands=0\n";
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.read(lun + "reservation a WE holder=h1\n"));
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.read(lun + "reservation a WEAR holder=-\n"));
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.read(
                lun + "registration a h1 0x1\nreservation a WEAR holder=h1\n"));
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.read(
                "lvmpersist-sim-san 1\nlun a personality=NVME class=SCSI generation=0 ptpl=false commands=0\n"));
        assertEquals(1, SanStateCodec.read(lun + "reservation a WE holder=h1\nregistration a h1 0x1\n")
                .luns.get("a").pr.registrations().size(), "the order of lines does not matter");
    }

    @Test
    void adminCallsValidateTheirInput() {
        SimSan san = SimSan.inMemory();
        san.createVolumeGroup("vg0", 1, Personality.SCSI);
        assertThrows(IllegalArgumentException.class, () -> san.createVolumeGroup("vg0", 1, Personality.SCSI));
        assertThrows(IllegalArgumentException.class, () -> san.createVolumeGroup("vg1", 0, Personality.SCSI));
        assertThrows(IllegalArgumentException.class, () -> san.createLun("vg0-pv1", Personality.SCSI,
                DeviceClass.SCSI));
        assertThrows(IllegalArgumentException.class, () -> san.createLun("x", Personality.NVME, DeviceClass.SCSI));
        assertThrows(IllegalArgumentException.class, () -> san.createLun("y", Personality.SCSI, DeviceClass.NVME));
        assertThrows(IllegalArgumentException.class, () -> san.createLun("has space", Personality.SCSI,
                DeviceClass.SCSI));
        assertThrows(IllegalArgumentException.class, () -> san.bind("/dev/x", "nolun"));
        assertThrows(IllegalArgumentException.class, () -> san.setFaults("nolun", Faults.NONE));
        assertThrows(IllegalArgumentException.class, () -> san.canWrite("/dev/unbound", "h1"));
        assertThrows(IllegalArgumentException.class, () -> san.device("/dev/sim/vg0/pv1", "bad host"));
        assertEquals(List.of("vg0"), san.volumeGroups(), "failed calls changed nothing");
    }

    @Test
    void describeSummarisesLunsKeysReservationAndGeneration() throws DeviceException {
        SimSan san = SimSan.inMemory();
        san.createVolumeGroup("vg0", 1, Personality.SCSI);
        PrDevice d = san.device("/dev/sim/vg0/pv1", "node-1");
        d.register(ReservationKey.NONE, K1, true, false);
        d.reserve(K1, ReservationType.WE);
        String text = san.describe();
        assertTrue(text.contains("LU vg0-pv1 (SCSI, reported as SCSI): generation 1"), text);
        assertTrue(text.contains("host node-1: key 0x100000000000a001 (holder)"), text);
        assertTrue(text.contains("reservation: WE (Write Exclusive) held by node-1"), text);
        assertTrue(text.contains("VG vg0: /dev/sim/vg0/pv1"), text);
    }
}
