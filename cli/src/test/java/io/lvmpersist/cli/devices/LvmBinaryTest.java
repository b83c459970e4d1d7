package io.lvmpersist.cli.devices;

import io.lvmpersist.cli.CommandFailedException;
import io.lvmpersist.cli.ExitCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which lvm runs: as root only a root-owned program nobody else can change; never one found through PATH. */
class LvmBinaryTest {
    @TempDir
    Path dir;

    private Path lvm;

    @BeforeEach
    void fakeLvm() throws Exception {
        lvm = dir.resolve("fake-lvm");
        Files.writeString(lvm, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(lvm, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Map<String, String> env(String lvmBinary) {
        return Map.of("LVM_BINARY", lvmBinary);
    }

    private static String refusal(Map<String, String> environment) {
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> LvmBinary.locate(environment, true, "vg0"));
        assertEquals(ExitCode.DEVICE, e.exitCode());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void asRootARootOwnedProgramOnlyRootCanChangeIsUsed() throws Exception {
        assumeTrue(LvmBinary.runningAsRoot(), "files owned by root need root");
        assertEquals(lvm.toRealPath().toString(), LvmBinary.locate(env(lvm.toString()), true, "vg0"));
    }

    @Test
    void asRootARelativeLvmBinaryIsRefused() {
        assertEquals("LVM_BINARY=fake-lvm is not an absolute path: as root, set it to the full path of lvm"
                + " (e.g. /usr/sbin/lvm) or unset it.", refusal(env("fake-lvm")));
        assertEquals("LVM_BINARY=./fake-lvm is not an absolute path: as root, set it to the full path of lvm"
                + " (e.g. /usr/sbin/lvm) or unset it.", refusal(env("./fake-lvm")));
    }

    @Test
    void asRootAGroupWritableProgramIsRefused() throws Exception {
        assumeTrue(LvmBinary.runningAsRoot(), "files owned by root need root");
        Files.setPosixFilePermissions(lvm, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertEquals("refusing to run " + lvm.toRealPath() + " as root: group or others may write to it"
                + " (chmod go-w it, or unset LVM_BINARY).", refusal(env(lvm.toString())));
        Files.setPosixFilePermissions(lvm, PosixFilePermissions.fromString("rwxr-xrwx"));
        assertTrue(refusal(env(lvm.toString())).contains("group or others may write to it"));
    }

    @Test
    void asRootAProgramOwnedBySomeoneElseIsRefused() throws Exception {
        assumeTrue(LvmBinary.runningAsRoot(), "chown needs root");
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(lvm, nobody);
        int uid = (Integer) Files.getAttribute(lvm, "unix:uid");
        assertEquals("refusing to run " + lvm.toRealPath() + " as root: it is owned by uid " + uid + ", not root"
                + " (chown root it, or unset LVM_BINARY).", refusal(env(lvm.toString())));
    }

    @Test
    void asRootALinkIsJudgedByTheFileItLeadsTo() throws Exception {
        assumeTrue(LvmBinary.runningAsRoot(), "chown needs root");
        Path link = dir.resolve("lvm-link");
        Files.createSymbolicLink(link, lvm);
        Files.setOwner(lvm, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertTrue(refusal(env(link.toString())).startsWith("refusing to run " + link + " (" + lvm.toRealPath()
                + ") as root: it is owned by uid "), refusal(env(link.toString())));
    }

    @Test
    void asRootAProgramInADirectoryOthersMayWriteIsRefused() throws Exception {
        assumeTrue(LvmBinary.runningAsRoot(), "files owned by root need root");
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path inside = Files.copy(lvm, open.resolve("lvm"));
        assertTrue(refusal(env(inside.toString())).startsWith("refusing to run " + inside.toRealPath()
                + " as root: users other than root may replace it in " + open.toRealPath() + " (owned by uid 0,"
                + " mode 777)"), refusal(env(inside.toString())));
        // The sticky bit (as on /tmp) keeps others from replacing root's file.
        Files.setAttribute(open, "unix:mode", 01777);
        assertEquals(inside.toRealPath().toString(), LvmBinary.locate(env(inside.toString()), true, "vg0"));
    }

    @Test
    void asRootAMissingOrNonExecutableProgramIsNamed() throws Exception {
        assertEquals("cannot run " + dir.resolve("nope") + " to list the PVs of VG vg0: install lvm2 or set"
                + " LVM_BINARY, or name the PVs with --device.", refusal(env(dir.resolve("nope").toString())));
        assumeTrue(LvmBinary.runningAsRoot(), "files owned by root need root");
        Files.setPosixFilePermissions(lvm, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(refusal(env(lvm.toString())).contains("it is not an executable file"));
        assertTrue(refusal(env(dir.toString())).contains("it is not an executable file"));
    }

    @Test
    void withoutRootLvmBinaryIsTheUsersOwnChoice() throws CommandFailedException {
        assertEquals("fake-lvm", LvmBinary.locate(env("fake-lvm"), false, "vg0"));
    }

    @Test
    void withoutLvmBinaryOnlyTheSystemDirectoriesAreSearchedNeverPath() throws Exception {
        Path onPath = Files.copy(lvm, dir.resolve("lvm"));
        for (boolean root : new boolean[] {false, true}) {
            Map<String, String> environment = Map.of("PATH", dir.toString());
            try {
                String chosen = LvmBinary.locate(environment, root, "vg0");
                assertTrue(LvmBinary.SYSTEM_LOCATIONS.stream().anyMatch(p -> chosen.equals(p.toString())
                        || chosen.equals(realPath(p))), chosen);
                assertTrue(!chosen.equals(onPath.toString()), chosen);
            } catch (CommandFailedException e) {
                // No lvm2 on this machine: the message names where it looked, not PATH.
                assertEquals("cannot find lvm in /usr/sbin, /sbin, /usr/bin or /bin to list the PVs of VG vg0:"
                        + " install lvm2 or set LVM_BINARY, or name the PVs with --device.", e.getMessage());
            }
        }
    }

    private static String realPath(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (java.io.IOException e) {
            return path.toString();
        }
    }
}
