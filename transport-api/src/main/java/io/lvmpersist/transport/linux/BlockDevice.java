package io.lvmpersist.transport.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A block device as sysfs describes it: the facts every transport uses to decide whether a path is
 * its kind of device. Built from the device number, never from the path string, so
 * {@code /dev/disk/by-id/...} links and partitions are recognised.
 *
 * @param major    device major
 * @param minor    device minor
 * @param sysDir   the device's directory under {@code sysRoot/devices/...} (the whole disk, never a partition)
 * @param name     kernel name of the whole disk, e.g. {@code sdb}, {@code nvme0n1}, {@code dm-3}
 * @param partition true when the given path was a partition (and {@code name} is its disk)
 */
public record BlockDevice(int major, int minor, Path sysDir, String name, boolean partition) {

    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    /** The device node of the whole disk, e.g. {@code /dev/sdb}. */
    public String node() {
        return "/dev/" + name;
    }

    /** "MAJ:MIN" of the whole disk's path as given (the partition's number when a partition was given). */
    public String number() {
        return major + ":" + minor;
    }

    /**
     * Looks up the block device behind {@code path}.
     *
     * @return empty when the path exists but is not a block device
     * @throws IOException when the path does not exist or cannot be examined
     */
    public static Optional<BlockDevice> of(String path, Path sysRoot) throws IOException {
        Path p = Path.of(path);
        int mode = (Integer) Files.getAttribute(p, "unix:mode");
        if ((mode & S_IFMT) != S_IFBLK) {
            return Optional.empty();
        }
        long rdev = (Long) Files.getAttribute(p, "unix:rdev");
        return ofNumber(major(rdev), minor(rdev), sysRoot);
    }

    /** Looks up a block device by number in {@code sysRoot/dev/block/MAJ:MIN} (usable on fixture trees). */
    public static Optional<BlockDevice> ofNumber(int major, int minor, Path sysRoot) throws IOException {
        Path link = sysRoot.resolve("dev/block/" + major + ":" + minor);
        if (!Files.exists(link)) {
            return Optional.empty();
        }
        Path dir = link.toRealPath();
        boolean partition = Files.exists(dir.resolve("partition"), LinkOption.NOFOLLOW_LINKS);
        Path disk = partition ? dir.getParent() : dir;
        return Optional.of(new BlockDevice(major, minor, disk, disk.getFileName().toString(), partition));
    }

    /** A sysfs attribute of the whole disk, trimmed; empty when absent. */
    public Optional<String> attribute(String relative) {
        Path file = sysDir.resolve(relative);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Kernel names of the devices under this one ({@code slaves/}: the paths of a dm map). */
    public List<String> slaves() {
        Path dir = sysDir.resolve("slaves");
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                entries.map(e -> e.getFileName().toString()).sorted().forEach(names::add);
            } catch (IOException e) {
                return List.of();
            }
        }
        return names;
    }

    /** True for device-mapper devices ({@code dm/} present). */
    public boolean isDeviceMapper() {
        return Files.isDirectory(sysDir.resolve("dm"));
    }

    /** The major number of a {@code dev_t} (glibc's gnu_dev_major encoding), e.g. from {@code unix:rdev}. */
    public static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfffL) | ((dev >>> 32) & ~0xfffL));
    }

    /** The minor number of a {@code dev_t} (glibc's gnu_dev_minor encoding). */
    public static int minor(long dev) {
        return (int) ((dev & 0xffL) | ((dev >>> 12) & ~0xffL));
    }
}
