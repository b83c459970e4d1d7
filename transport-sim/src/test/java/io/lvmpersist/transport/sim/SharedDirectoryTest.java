package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.ReservationKey;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SAN in a directory other users can write to (group-writable, or sticky like /tmp): whoever plants a symbolic
 * link at one of the SAN's names must get a refusal with a clear message, never a write (or a chmod, or a new
 * file) at the link's target; new files get the state file's mode (and owner, as root).
 */
class SharedDirectoryTest {
    private static final String TARGET_TEXT = "precious\n";

    @TempDir
    Path dir;
    private Path state;
    private Path target;

    @BeforeEach
    void setUp() throws IOException {
        state = dir.resolve("san.state");
        target = dir.resolve("victim");
        Files.writeString(target, TARGET_TEXT);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    }

    private void assertTargetUntouched() throws IOException {
        assertEquals(TARGET_TEXT, Files.readString(target), "the link's target was not written");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(target),
                "nor its mode changed");
    }

    private static void assertRefusesLink(RuntimeException e, Path link) {
        assertInstanceOf(SanFileException.class, e);
        assertTrue(e.getMessage().contains(link.getFileName() + ": is a symbolic link"), e.getMessage());
        assertFalse(e.getMessage().contains(TARGET_TEXT.strip()), e.getMessage());
    }

    @Test
    void aLinkAtTheStateFileIsRefused() throws IOException {
        Files.createSymbolicLink(state, target);
        RuntimeException e = assertThrows(RuntimeException.class, () -> SimSan.open(state));
        assertRefusesLink(e, state);
        assertEquals("simulated SAN state file " + dir.toRealPath().resolve("san.state") + ": is a symbolic link; "
                + "the simulator never reads or writes through links (remove it)", e.getMessage());
        assertTargetUntouched();

        Files.delete(state);
        Path missing = dir.resolve("missing");
        Files.createSymbolicLink(state, missing);   // dangling: following it would create the file
        assertRefusesLink(assertThrows(RuntimeException.class, () -> SimSan.open(state)), state);
        assertFalse(Files.exists(missing, LinkOption.NOFOLLOW_LINKS), "nothing created at the link's target");
    }

    @Test
    void aLinkAtTheTemporaryFileIsRefused() throws IOException {
        SimSan san = SimSan.open(state);
        String before = Files.readString(state);
        Path temp = dir.resolve("san.state.tmp");
        Files.createSymbolicLink(temp, target);
        assertRefusesLink(assertThrows(RuntimeException.class,
                () -> san.createVolumeGroup("vg0", 1, Personality.SCSI)), temp);
        assertTargetUntouched();
        assertEquals(before, Files.readString(state), "the catalog is unchanged");
        assertTrue(Files.isSymbolicLink(temp), "the link is left for the admin to see");
    }

    @Test
    void aTemporaryFileLeftByADeadWriterIsReplaced() throws IOException {
        SimSan san = SimSan.open(state);
        Files.writeString(dir.resolve("san.state.tmp"), "half a catalog");
        san.createVolumeGroup("vg0", 1, Personality.SCSI);
        assertEquals(Set.of("vg0"), Set.copyOf(SimSan.open(state).volumeGroups()));
        assertFalse(Files.exists(dir.resolve("san.state.tmp")));
    }

    @Test
    void aLinkAtTheLockFileIsRefused() throws IOException {
        Path lock = dir.resolve("san.state.lock");
        Path missing = dir.resolve("missing");
        Files.createSymbolicLink(lock, missing);
        assertRefusesLink(assertThrows(RuntimeException.class, () -> SimSan.open(state)), lock);
        assertFalse(Files.exists(missing, LinkOption.NOFOLLOW_LINKS), "nothing created at the link's target");

        Files.delete(lock);
        SimSan san = SimSan.open(state);
        Files.delete(lock);
        Files.createSymbolicLink(lock, target);
        assertRefusesLink(assertThrows(RuntimeException.class,
                () -> san.createLun("a", Personality.SCSI, DeviceClass.SCSI)), lock);
        assertTargetUntouched();
    }

    @Test
    void aLinkAtANewLuFileIsRefused() throws IOException {
        SimSan san = SimSan.open(state);
        Files.createDirectory(dir.resolve("san.state.luns"));
        Path lun = dir.resolve("san.state.luns/vg0-pv1");
        Files.createSymbolicLink(lun, target);
        assertRefusesLink(assertThrows(RuntimeException.class,
                () -> san.createVolumeGroup("vg0", 1, Personality.SCSI)), lun);
        assertTargetUntouched();
        assertEquals(java.util.List.of(), SimSan.open(state).volumeGroups(), "the catalog does not name it");
    }

    @Test
    void aLinkAtAnLuFileInUseFailsItsCommandsAsDeviceErrors() throws Exception {
        SimSan san = SimSan.open(state);
        san.createVolumeGroup("vg0", 1, Personality.SCSI);
        Path lun = dir.resolve("san.state.luns/vg0-pv1");
        Files.move(lun, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);   // a valid LU file there
        String valid = Files.readString(target);
        Files.createSymbolicLink(lun, target);
        PrDevice device = san.device("/dev/sim/vg0/pv1", "h1");
        Failure f = device.register(ReservationKey.NONE, ReservationKey.of(1), true, false).failureOrNull();
        Failure.DeviceError error = assertInstanceOf(Failure.DeviceError.class, f);
        assertTrue(error.detail().contains("vg0-pv1: is a symbolic link"), error.detail());
        assertEquals(valid, Files.readString(target), "the link's target was not written");
    }

    @Test
    void aLinkAtTheLuDirectoryIsRefused() throws IOException {
        SimSan san = SimSan.open(state);
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path luns = dir.resolve("san.state.luns");
        Files.createSymbolicLink(luns, elsewhere);
        assertRefusesLink(assertThrows(RuntimeException.class,
                () -> san.createVolumeGroup("vg0", 1, Personality.SCSI)), luns);
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count(), "no LU file was created through the link");
        }
    }

    @Test
    void newFilesGetTheStateFilesModeWhateverTheUmask() throws Exception {
        SimSan.open(state);
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw----");
        Files.setPosixFilePermissions(state, shared);
        Files.delete(dir.resolve("san.state.lock"));   // made before the catalog had its mode
        SimSan san = SimSan.open(state);
        san.createVolumeGroup("vg0", 1, Personality.SCSI);
        san.device("/dev/sim/vg0/pv1", "h1").register(ReservationKey.NONE, ReservationKey.of(1), true, false);
        assertEquals(shared, Files.getPosixFilePermissions(state), "the replaced catalog");
        assertEquals(shared, Files.getPosixFilePermissions(dir.resolve("san.state.lock")), "the lock file");
        assertEquals(shared, Files.getPosixFilePermissions(dir.resolve("san.state.luns/vg0-pv1")), "an LU file");
        assertEquals(PosixFilePermissions.fromString("rwxrwx---"),
                Files.getPosixFilePermissions(dir.resolve("san.state.luns")), "the LU directory");
    }

    @Test
    void asRootNewFilesGetTheStateFilesOwnerAndGroup() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root may give files away");
        SimSan.open(state);
        var lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = lookup.lookupPrincipalByName("nobody");
        var view = Files.getFileAttributeView(state, PosixFileAttributeView.class);
        view.setOwner(nobody);
        Files.delete(dir.resolve("san.state.lock"));
        SimSan.open(state).createVolumeGroup("vg0", 1, Personality.NVME);
        for (String name : new String[] {"san.state", "san.state.lock", "san.state.luns", "san.state.luns/vg0-pv1"}) {
            assertEquals(nobody, Files.getOwner(dir.resolve(name), LinkOption.NOFOLLOW_LINKS), name);
        }
    }
}
