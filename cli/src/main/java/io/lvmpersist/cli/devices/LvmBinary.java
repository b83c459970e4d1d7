package io.lvmpersist.cli.devices;

import io.lvmpersist.cli.CommandFailedException;
import io.lvmpersist.cli.ExitCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the lvm program to run: {@code $LVM_BINARY}, else the first {@code lvm} in /usr/sbin, /sbin,
 * /usr/bin, /bin. The caller's PATH is never searched: as root it would let whoever set PATH run code as root.
 *
 * <p>As root, {@code LVM_BINARY} must be an absolute path, and the program (after following links) must be a
 * regular executable file owned by root and writable by nobody else, in directories only root can change
 * (sticky directories such as /tmp are fine: nobody else can replace root's file there). Otherwise the command
 * stops with exit 4 before running anything, with one line that names the file and the fix.
 */
final class LvmBinary {
    static final List<Path> SYSTEM_LOCATIONS = List.of(
            Path.of("/usr/sbin/lvm"), Path.of("/sbin/lvm"), Path.of("/usr/bin/lvm"), Path.of("/bin/lvm"));

    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int STICKY = 01000;
    private static final int ANY_EXECUTE = 0111;

    private LvmBinary() {
    }

    /**
     * The program to run for {@code lvm}.
     *
     * @param root whether this process runs with effective uid 0 ({@link #runningAsRoot()})
     * @param vg   the VG whose PVs are wanted (for the messages)
     */
    static String locate(Map<String, String> environment, boolean root, String vg) throws CommandFailedException {
        String configured = environment.get("LVM_BINARY");
        if (configured != null && !configured.isEmpty()) {
            if (!root) {
                return configured;   // the user's own choice, run with the user's own rights
            }
            if (!configured.startsWith("/")) {
                throw unsafe("LVM_BINARY=" + configured + " is not an absolute path: as root, set it to the full"
                        + " path of lvm (e.g. /usr/sbin/lvm) or unset it.");
            }
            return vetted(Path.of(configured), vg).toString();
        }
        Optional<Path> found = SYSTEM_LOCATIONS.stream().filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            throw new CommandFailedException(ExitCode.DEVICE, "cannot find lvm in /usr/sbin, /sbin, /usr/bin or /bin to"
                    + " list the PVs of VG " + vg + ": install lvm2 or set LVM_BINARY, or name the PVs with --device.");
        }
        return root ? vetted(found.get(), vg).toString() : found.get().toString();
    }

    /** The real path of {@code program} when root may run it; else why not. */
    static Path vetted(Path program, String vg) throws CommandFailedException {
        Path real;
        try {
            real = program.toRealPath();
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.DEVICE, "cannot run " + program + " to list the PVs of VG " + vg
                    + ": install lvm2 or set LVM_BINARY, or name the PVs with --device.");
        }
        String shown = real.equals(program) ? program.toString() : program + " (" + real + ")";
        Attributes file = Attributes.of(real);
        if (!file.regular() || (file.mode() & ANY_EXECUTE) == 0) {
            throw unsafe("refusing to run " + shown + " as root: it is not an executable file"
                    + " (set LVM_BINARY to lvm's path, or unset it).");
        }
        if (file.uid() != 0) {
            throw unsafe("refusing to run " + shown + " as root: it is owned by uid " + file.uid() + ", not root"
                    + " (chown root it, or unset LVM_BINARY).");
        }
        if ((file.mode() & GROUP_OR_OTHERS_WRITE) != 0) {
            throw unsafe("refusing to run " + shown + " as root: group or others may write to it"
                    + " (chmod go-w it, or unset LVM_BINARY).");
        }
        for (Path dir = real.getParent(); dir != null; dir = dir.getParent()) {
            Attributes attributes = Attributes.of(dir);
            boolean othersMayReplace = attributes.uid() != 0
                    || ((attributes.mode() & GROUP_OR_OTHERS_WRITE) != 0 && (attributes.mode() & STICKY) == 0);
            if (othersMayReplace) {
                throw unsafe("refusing to run " + shown + " as root: users other than root may replace it in " + dir
                        + " (owned by uid " + attributes.uid() + ", mode " + Integer.toOctalString(attributes.mode())
                        + "); move it to a directory only root can write, or unset LVM_BINARY.");
            }
        }
        return real;
    }

    /** Whether this process runs with effective uid 0 (the second number of /proc/self/status's Uid line). */
    static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc not mounted: take the careful path.
        }
        return true;
    }

    private static CommandFailedException unsafe(String message) {
        return new CommandFailedException(ExitCode.DEVICE, message);
    }

    /** The owner and mode bits of a file, links not followed (the path is already real). */
    private record Attributes(boolean regular, int uid, int mode) {
        static Attributes of(Path path) throws CommandFailedException {
            try {
                Map<String, Object> unix = Files.readAttributes(path, "unix:uid,mode,isRegularFile",
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                return new Attributes((Boolean) unix.get("isRegularFile"), (Integer) unix.get("uid"),
                        (Integer) unix.get("mode") & 07777);
            } catch (IOException | UnsupportedOperationException e) {
                throw unsafe("cannot check who may change " + path + " (" + e.getMessage() + "): unset LVM_BINARY.");
            }
        }
    }
}
