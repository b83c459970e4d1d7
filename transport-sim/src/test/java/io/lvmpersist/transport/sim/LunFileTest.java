package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.ReservationKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An LU's file is locked and rewritten in place; every state it can be left in parses. */
class LunFileTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileIsNotCreatedByLocking() throws IOException {
        LunFile file = new LunFile(dir.toRealPath().resolve("lu"));
        assertNull(file.lock());
        assertFalse(Files.exists(file.path()));
        try (LunFile.Locked locked = file.lock()) {   // the JVM lock was given back: locking again does not hang
            assertNull(locked);
        }
    }

    @Test
    void writesInPlaceAndShrinksTheFile() throws IOException {
        LunFile file = new LunFile(dir.toRealPath().resolve("lu"));
        try (LunFile.Locked locked = file.lockOrCreate(null)) {
            assertEquals("", locked.read());
            locked.write("a long first version\n");
        }
        Object inode = Files.readAttributes(file.path(), "unix:ino").get("ino");
        try (LunFile.Locked locked = file.lock()) {
            assertEquals("a long first version\n", locked.read());
            locked.write("short\n");
            assertEquals("short\n", locked.read());
        }
        assertEquals("short\n", Files.readString(file.path()));
        assertEquals(inode, Files.readAttributes(file.path(), "unix:ino").get("ino"), "never replaced");
        assertEquals(false, Files.exists(dir.resolve("lu.tmp")) || Files.exists(dir.resolve("lu.lock")),
                "no sidecar files");
    }

    @Test
    void readsAFileLargerThanOneBuffer() throws IOException {
        LunFile file = new LunFile(dir.toRealPath().resolve("lu"));
        String big = "x".repeat(2047) + "\n" + "y".repeat(5000) + "\n";
        Files.writeString(file.path(), big);
        try (LunFile.Locked locked = file.lock()) {
            assertEquals(big, locked.read());
        }
    }

    @Test
    void aShorterVersionPaddedWithSpacesStillParses() throws IOException {
        // What a process killed between the write and the truncate leaves behind.
        Lun lun = new Lun("a", Personality.SCSI, io.lvmpersist.transport.DeviceClass.SCSI, Faults.NONE, new PrState());
        String text = SanStateCodec.writeLun(lun);
        Lun read = SanStateCodec.readLun(text + " ".repeat(300));
        assertEquals(text, SanStateCodec.writeLun(read));
    }

    @Test
    void anEmptyLuFileCountsAsMissing() throws IOException, DeviceException {
        SimSan san = SimSan.open(dir.resolve("san.state"));
        san.createVolumeGroup("vg0", 1, Personality.SCSI);
        PrDevice device = san.device("/dev/sim/vg0/pv1", "h1");
        Files.write(dir.resolve("san.state.luns/vg0-pv1"), new byte[0]);
        assertTrue(device.readKeys().failureOrNull().message().contains("no longer exists"),
                device.readKeys().toString());
    }

    @Test
    void aFileChangedByAnotherWriterIsParsedAgain() throws IOException, DeviceException {
        SimSan san = SimSan.open(dir.resolve("san.state"));
        san.createVolumeGroup("vg0", 1, Personality.SCSI);
        PrDevice device = san.device("/dev/sim/vg0/pv1", "h1");
        assertTrue(device.register(ReservationKey.NONE, ReservationKey.of(1), true, false).isOk());
        Path lun = dir.resolve("san.state.luns/vg0-pv1");
        String edited = Files.readString(lun).replace("registration vg0-pv1 h1 0x1", "registration vg0-pv1 h1 0x2");
        Files.writeString(lun, edited, StandardCharsets.UTF_8);
        KeyList keys = ((PrResult.Ok<KeyList>) device.readKeys()).value();
        assertEquals(java.util.List.of(ReservationKey.of(2)), keys.keys(), "the edit is seen, not a remembered parse");
        assertTrue(device.register(ReservationKey.NONE, ReservationKey.of(3), true, false).isOk());
        assertTrue(Files.readString(lun).contains("registration vg0-pv1 h1 0x3"));
        assertEquals(java.util.List.of(ReservationKey.of(3)),
                ((PrResult.Ok<KeyList>) SimSan.open(dir.resolve("san.state")).device("/dev/sim/vg0/pv1", "h2")
                        .readKeys()).value().keys());
    }
}
