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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
        assertTrue(second.describe().contains("pending unit attention for node-2"), "pending unit attention kept");
        assertEquals(DeviceClass.NVME, second.device("/dev/loop3", "x").deviceClass());
    }

    @Test
    void rewritingTheFileKeepsItsPermissions() throws IOException, DeviceException {
        Path file = dir.resolve("shared.state");
        SimSan san = SimSan.open(file);
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(file, shared);
        san.createVolumeGroup("vg0", 1, Personality.SCSI);
        assertEquals(shared, Files.getPosixFilePermissions(file));
        Path lun = dir.resolve("shared.state.luns/vg0-pv1");
        assertEquals(shared, Files.getPosixFilePermissions(lun), "LU files are shared like the catalog");
        assertEquals(PosixFilePermissions.fromString("rwxrwxr-x"),
                Files.getPosixFilePermissions(lun.getParent()), "and so is their directory");
        san.device("/dev/sim/vg0/pv1", "h1").register(ReservationKey.NONE, K1, true, false);
        assertEquals(shared, Files.getPosixFilePermissions(lun), "also after a PR command rewrote it");
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
        assertTrue(lines.contains("lvmpersist-sim-san 2"), lines.toString());
        assertTrue(lines.contains("lu vg0-pv1 personality=NVME class=NVME"), lines.toString());
        assertTrue(lines.contains("path /dev/sim/vg0/pv1 vg0-pv1"), lines.toString());
        assertTrue(lines.contains("vg vg0 /dev/sim/vg0/pv1"), lines.toString());
        List<String> lun = Files.readAllLines(dir.resolve("san.state.luns/vg0-pv1"));
        assertTrue(lun.contains("lvmpersist-sim-san 2"), lun.toString());
        assertTrue(lun.contains("lun vg0-pv1 personality=NVME class=NVME generation=1 ptpl=false commands=0"),
                lun.toString());
        assertTrue(lun.contains("registration vg0-pv1 node-1 0x100000000000a001"), lun.toString());
        assertTrue(lun.contains("reservation vg0-pv1 WEAR holder=node-1"), lun.toString());
    }

    @Test
    void theCodecRoundTripsEveryRecordExactly() {
        String catalog = """
                # lvmpersist simulated SAN; the LUs' state is in the directory next to this file; \
                edit only while no process uses it. See docs/simulator.md.
                lvmpersist-sim-san 2
                lu a personality=SCSI class=MULTIPATH
                lu b personality=NVME class=NVME
                lu c personality=SCSI class=SCSI
                path /dev/mapper/mpatha a
                path /dev/nvme0n1 b
                vg vg1 /dev/mapper/mpatha /dev/nvme0n1
                vg empty
                """;
        assertEquals(catalog, SanStateCodec.writeCatalog(SanStateCodec.read(catalog, SanStateCodec.Kind.CATALOG)));
        String header = """
                # lvmpersist simulated LU; edit only while no process uses it. See docs/simulator.md.
                lvmpersist-sim-san 2
                """;
        for (String lun : List.of("""
                lun a personality=SCSI class=MULTIPATH generation=7 ptpl=true commands=3
                faults a latency-ms=5 fail-nth=4 fail-count=1 fail-kind=TIMEOUT timeout-ms=100 \
                unit-attentions=false pr-supported=true unsupported-types=WE,EAAR
                paths a count=3 down=1,3
                registration a h1 0x1
                registration a h2 0xffffffffffffffff
                reservation a EARO holder=h2
                unit-attention a h1 2A/05 2A/04
                """, """
                lun b personality=NVME class=NVME generation=0 ptpl=false commands=0
                registration b h3 0x3
                reservation b EAAR holder=h3
                """, """
                lun c personality=SCSI class=SCSI generation=1 ptpl=false commands=0
                registration c h1 0x1
                reservation c WEAR holder=-
                """)) {
            assertEquals(header + lun, SanStateCodec.writeLun(SanStateCodec.readLun(header + lun)));
        }
    }

    @Test
    void eachKindOfFileHoldsOnlyItsOwnRecords() {
        String head = "lvmpersist-sim-san 2\n";
        String lun = "lun a personality=SCSI class=SCSI generation=0 ptpl=false commands=0\n";
        IllegalArgumentException inCatalog = assertThrows(IllegalArgumentException.class,
                () -> SanStateCodec.read(head + lun, SanStateCodec.Kind.CATALOG));
        assertTrue(inCatalog.getMessage().contains("does not belong in the SAN's catalog"), inCatalog.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SanStateCodec.readLun(head + lun + "path /dev/x a\n"));
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.readLun(head),
                "an LU file needs its lun record");
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.readLun(
                head + lun + lun.replace("lun a", "lun b")), "one LU per file");
    }

    @Test
    void aCommandWaitsOnlyForItsOwnLu() throws Exception {
        SimSan san = SimSan.open(dir.resolve("san.state"));
        san.createVolumeGroup("vg0", 2, Personality.SCSI);
        PrDevice pv1 = san.device("/dev/sim/vg0/pv1", "h1");
        PrDevice pv2 = san.device("/dev/sim/vg0/pv2", "h1");
        LunFile pv1File = new LunFile(dir.toRealPath().resolve("san.state.luns/vg0-pv1"));
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<Boolean> onPv1;
            try (LunFile.Locked _ = pv1File.lock()) {
                onPv1 = pool.submit(() -> pv1.register(ReservationKey.NONE, K1, true, false).isOk());
                assertTrue(pool.submit(() -> pv2.register(ReservationKey.NONE, K1, true, false).isOk())
                        .get(30, TimeUnit.SECONDS), "pv2 is not blocked by pv1's lock");
                assertFalse(onPv1.isDone(), "pv1's command waits for pv1's lock");
            }
            assertTrue(onPv1.get(30, TimeUnit.SECONDS));
        }
        assertEquals(Optional.of(K1), san.registeredKey("/dev/sim/vg0/pv1", "h1"));
    }

    @Test
    void everyReaderSeesTheCatalogAsItIsNow() {
        Path file = dir.resolve("san.state");
        SimSan reader = SimSan.open(file);
        SimSan writer = SimSan.open(file);
        assertEquals(Optional.empty(), reader.binding("/dev/x"));
        writer.createLun("nvme-a", Personality.NVME, DeviceClass.NVME);
        writer.bind("/dev/x", "nvme-a");
        assertEquals(Optional.of(Map.entry("nvme-a", DeviceClass.NVME)), reader.binding("/dev/x"));
        writer.createLun("scsi-b", Personality.SCSI, DeviceClass.MULTIPATH);
        writer.bind("/dev/x", "scsi-b");
        assertEquals(Optional.of(Map.entry("scsi-b", DeviceClass.MULTIPATH)), reader.binding("/dev/x"),
                "a rebinding is seen at once, however fast it follows");
    }

    @Test
    void fieldsMayBeSeparatedByRunsOfSpaces() {
        Lun lun = SanStateCodec.readLun("lvmpersist-sim-san 2\n  lun   a personality=NVME  class=NVME generation=3 "
                + "ptpl=true   commands=0  \nregistration a  h1   0x1\n");
        assertEquals(3, lun.pr.generation());
        assertEquals(Map.of("h1", 1L), lun.pr.registrations());
    }

    @Test
    void anLuFileNameIsOnePlainFileWhateverTheId() {
        assertEquals("vg0-pv1", FileStore.fileName("vg0-pv1"));
        assertEquals("%2E%2E", FileStore.fileName(".."));
        assertEquals("a%2Fb%2Elock", FileStore.fileName("a/b.lock"));
    }

    @Test
    void anLuWithAnUnusualIdWorksThroughTheFile() throws DeviceException {
        SimSan san = SimSan.open(dir.resolve("san.state"));
        san.createLun("../x.y", Personality.SCSI, DeviceClass.SCSI);
        san.bind("/dev/odd", "../x.y");
        san.device("/dev/odd", "h1").register(ReservationKey.NONE, K1, true, false);
        assertEquals(Optional.of(K1), SimSan.open(dir.resolve("san.state")).registeredKey("/dev/odd", "h1"));
        assertTrue(Files.exists(dir.resolve("san.state.luns/%2E%2E%2Fx%2Ey")));
    }

    @Test
    void aCorruptFileIsReportedWithItsLineNumber() throws IOException {
        Path file = dir.resolve("san.state");
        Files.writeString(file, "lvmpersist-sim-san 2\nlu a personality=SCSI class=XSCSI\n");
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
        Files.writeString(dir.resolve("san.state.luns/vg0-pv1"), "garbage\n");
        Failure f = d.readKeys().failureOrNull();
        Failure.DeviceError error = assertInstanceOf(Failure.DeviceError.class, f);
        assertTrue(error.detail().contains("corrupt"), error.detail());
        Files.writeString(file, "garbage\n");
        assertThrows(IllegalStateException.class, () -> san.device("/dev/sim/vg0/pv1", "node-1"),
                "a broken catalog is refused too");
    }

    @Test
    void anotherVersionOrUnknownRecordIsRejected() {
        IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
                () -> SanStateCodec.read("lvmpersist-sim-san 1\n", SanStateCodec.Kind.CATALOG));
        assertTrue(version.getMessage().contains("unsupported version 1 (this build reads 2)"), version.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SanStateCodec.read("lvmpersist-sim-san 2\nlunx a\n", SanStateCodec.Kind.CATALOG));
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.read("# nothing\n", SanStateCodec.Kind.LUN));
        assertThrows(IllegalArgumentException.class,
                () -> SanStateCodec.readLun("lvmpersist-sim-san 2\nregistration nolun h1 0x1\n"));
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.readLun(
                "lvmpersist-sim-san 2\nlun a personality=SCSI class=SCSI generation=0 ptpl=false commands=0\n"
                        + "registration a h1 0x0\n"));
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.read(
                "lvmpersist-sim-san 2\npath /dev/x nolun\n", SanStateCodec.Kind.CATALOG));
        String lun = "lvmpersist-sim-san 2\nlun a personality=SCSI class=SCSI generation=0 ptpl=false commands=0\n";
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.readLun(lun + "reservation a WE holder=h1\n"));
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.readLun(lun + "reservation a WEAR holder=-\n"));
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.readLun(
                lun + "registration a h1 0x1\nreservation a WEAR holder=h1\n"));
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.readLun(
                "lvmpersist-sim-san 2\nlun a personality=NVME class=SCSI generation=0 ptpl=false commands=0\n"));
        assertThrows(IllegalArgumentException.class, () -> SanStateCodec.read(
                "lvmpersist-sim-san 2\nlu a personality=NVME class=SCSI\n", SanStateCodec.Kind.CATALOG));
        assertEquals(1, SanStateCodec.readLun(lun + "reservation a WE holder=h1\nregistration a h1 0x1\n")
                .pr.registrations().size(), "the order of lines does not matter");
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
