package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.ReservationKey;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** multipathd's prkeys file is replaced atomically, keeps its mode and owner, and is never written through a link. */
class PrkeysFileTest {
    private static final String WWID = "36001405a1b2c3d4e5f60718293a4b5c6";
    private static final ReservationKey KEY = ReservationKey.of(0x100000000000000aL);

    @TempDir
    Path dir;

    private Path prkeys() {
        return dir.resolve("etc/multipath/prkeys");
    }

    private List<String> leftovers() throws Exception {
        try (var files = Files.list(prkeys().getParent())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("prkeys")).toList();
        }
    }

    @Test
    void aNewFileIsPrivateLikeMultipathdsAndHoldsTheHeaderAndOurLine() throws Exception {
        assertEquals(Optional.empty(), new PrkeysFile(prkeys(), WWID).registered(KEY, false));
        assertEquals(PrkeysFile.HEADER + "0x100000000000000a " + WWID + "\n", Files.readString(prkeys()));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(prkeys()));
        assertEquals(List.of(), leftovers(), "no temporary file left");
    }

    @Test
    void anUpdateReplacesTheFileKeepingItsModeAndNeverTruncatesItInPlace() throws Exception {
        Files.createDirectories(prkeys().getParent());
        String before = PrkeysFile.HEADER + "0x0000000000000001 3600other\n";
        Files.writeString(prkeys(), before);
        Files.setPosixFilePermissions(prkeys(), PosixFilePermissions.fromString("rw-r-----"));
        Path oldName = Files.createLink(dir.resolve("old-prkeys"), prkeys());   // a second name of the old file

        assertEquals(Optional.empty(), new PrkeysFile(prkeys(), WWID).registered(KEY, true));

        assertEquals(before + "0X100000000000000a " + WWID + "\n", Files.readString(prkeys()));
        assertEquals(before, Files.readString(oldName), "the old file was not rewritten in place");
        assertNotEquals(Files.readAttributes(oldName, "unix:ino"), Files.readAttributes(prkeys(), "unix:ino"));
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(prkeys()));
        assertEquals(List.of(), leftovers(), "no temporary file left");

        assertEquals(Optional.empty(), new PrkeysFile(prkeys(), WWID).unregistered(KEY));
        assertEquals(before + "#X100000000000000a " + WWID + "\n", Files.readString(prkeys()));
    }

    @Test
    void aLinkAtTheFilesNameIsRefusedAndItsTargetUntouched() throws Exception {
        Files.createDirectories(prkeys().getParent());
        Path target = dir.resolve("shadow");
        Files.writeString(target, "root:secret\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(prkeys(), target);

        Optional<String> warning = new PrkeysFile(prkeys(), WWID).registered(KEY, false);

        assertTrue(warning.isPresent() && warning.get().contains(prkeys() + ": is a symbolic link"),
                warning.toString());
        assertEquals("root:secret\n", Files.readString(target));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(target));
        assertTrue(Files.isSymbolicLink(prkeys()), "the link is left for the admin to see");
        assertEquals(List.of(), leftovers(), "no temporary file left");

        Files.delete(prkeys());
        Path missing = dir.resolve("missing");
        Files.createSymbolicLink(prkeys(), missing);   // dangling: following it would create the file
        assertTrue(new PrkeysFile(prkeys(), WWID).registered(KEY, false).isPresent());
        assertTrue(Files.notExists(missing, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void parallelUpdatesOfManyMapsLoseNone() throws Exception {
        List<String> wwids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            wwids.add("3600a" + i);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Optional<String>>> results = new ArrayList<>();
            for (String wwid : wwids) {
                results.add(pool.submit(() -> new PrkeysFile(prkeys(), wwid).registered(KEY, false)));
            }
            for (Future<Optional<String>> r : results) {
                assertEquals(Optional.empty(), r.get());
            }
        }
        String text = Files.readString(prkeys());
        for (String wwid : wwids) {
            assertTrue(text.contains("0x100000000000000a " + wwid + "\n"), text);
        }
    }

    @Test
    void asRootTheOwnerAndGroupAreKept() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root may give files away");
        Files.createDirectories(prkeys().getParent());
        Files.writeString(prkeys(), PrkeysFile.HEADER);
        var lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = lookup.lookupPrincipalByName("nobody");
        GroupPrincipal group = Files.readAttributes(Path.of("/etc/passwd"),
                java.nio.file.attribute.PosixFileAttributes.class).group();
        PosixFileAttributeView view = Files.getFileAttributeView(prkeys(), PosixFileAttributeView.class);
        view.setOwner(nobody);
        view.setGroup(group);

        assertEquals(Optional.empty(), new PrkeysFile(prkeys(), WWID).registered(KEY, false));

        assertEquals(nobody, Files.getOwner(prkeys()));
        assertEquals(group, view.readAttributes().group());
    }
}
