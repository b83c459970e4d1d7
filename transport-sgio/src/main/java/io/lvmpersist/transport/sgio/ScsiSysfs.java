package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.linux.BlockDevice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides from sysfs whether a path is a device this transport drives. The rules (see
 * docs/transport-sgio.md):
 *
 * <ul>
 *   <li>SCSI disk: the whole disk's {@code device/} link points at a SCSI device that has a
 *       {@code scsi_disk/} class directory (the sd driver is bound), or, failing that, a
 *       {@code scsi_device/} directory and peripheral {@code type} 0. A partition maps to its disk.</li>
 *   <li>sg node: a character device whose sysfs directory sits under {@code scsi_generic/} and whose
 *       SCSI device is a disk as above; identity is that disk's.</li>
 *   <li>dm-multipath: {@code dm/uuid} starts with {@code mpath-}; a kpartx partition
 *       ({@code part<N>-mpath-...}) maps to its parent map. Any other dm device is an error.</li>
 * </ul>
 */
final class ScsiSysfs {
    private static final Pattern KPARTX = Pattern.compile("part\\d+-mpath-.*");
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    private ScsiSysfs() {
    }

    /**
     * What {@link #classify} found: the node to open, its class, the LU identity ("MAJ:MIN" of the whole disk) and
     * the LU's WWID as every host sees it ("" when sysfs has none).
     */
    record Claim(String node, DeviceClass deviceClass, String identity, String wwid) {
    }

    /**
     * @throws DeviceException when the path is missing, or is a dm device that is not a multipath map
     */
    static Optional<Claim> classify(String path, Path sysRoot) throws DeviceException {
        Path p = Path.of(path);
        try {
            int type = (Integer) Files.getAttribute(p, "unix:mode") & S_IFMT;
            long rdev = (Long) Files.getAttribute(p, "unix:rdev");
            return switch (type) {
                case S_IFBLK -> classifyBlock(path, BlockDevice.major(rdev), BlockDevice.minor(rdev), sysRoot);
                case S_IFCHR -> classifyCharacter(p.toRealPath().toString(), BlockDevice.major(rdev), BlockDevice.minor(rdev), sysRoot);
                default -> Optional.empty();
            };
        } catch (NoSuchFileException e) {
            throw new DeviceException(path, "device " + path + " does not exist: check the path",
                    new Failure.DeviceError("device " + path + " does not exist", "ENOENT"));
        } catch (IOException e) {
            throw new DeviceException(path, "cannot examine device " + path + ": " + e.getMessage(),
                    new Failure.DeviceError("cannot examine " + path, e.getClass().getSimpleName()));
        }
    }

    /** The block device MAJ:MIN that {@code path} names. */
    static Optional<Claim> classifyBlock(String path, int major, int minor, Path sysRoot)
            throws DeviceException, IOException {
        Optional<BlockDevice> device = BlockDevice.ofNumber(major, minor, sysRoot);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        return device.get().isDeviceMapper() ? multipath(path, device.get()) : scsiDisk(device.get());
    }

    private static Optional<Claim> scsiDisk(BlockDevice disk) {
        if (!isScsiDisk(disk.sysDir().resolve("device"))) {
            return Optional.empty();
        }
        return Optional.of(new Claim(disk.node(), DeviceClass.SCSI, wholeDiskNumber(disk),
                wwid(disk.attribute("device/wwid"))));
    }

    /** {@code scsiDevice} is the SCSI device directory (H:C:T:L) of an LU. */
    static boolean isScsiDisk(Path scsiDevice) {
        if (Files.isDirectory(scsiDevice.resolve("scsi_disk"))) {
            return true;
        }
        return Files.isDirectory(scsiDevice.resolve("scsi_device"))
                && readTrimmed(scsiDevice.resolve("type")).filter("0"::equals).isPresent();
    }

    private static Optional<Claim> multipath(String path, BlockDevice map) throws DeviceException {
        String uuid = map.attribute("dm/uuid").orElse("");
        if (uuid.startsWith("mpath-")) {
            return Optional.of(new Claim(map.node(), DeviceClass.MULTIPATH, wholeDiskNumber(map),
                    uuid.substring("mpath-".length())));
        }
        if (KPARTX.matcher(uuid).matches()) {
            List<String> slaves = map.slaves();
            if (slaves.size() == 1) {
                Path parent = map.sysDir().resolve("slaves").resolve(slaves.getFirst());
                Optional<String> parentUuid = readTrimmed(parent.resolve("dm/uuid")).filter(u -> u.startsWith("mpath-"));
                if (parentUuid.isPresent()) {
                    String number = readTrimmed(parent.resolve("dev")).orElse(slaves.getFirst());
                    return Optional.of(new Claim("/dev/" + slaves.getFirst(), DeviceClass.MULTIPATH, number,
                            parentUuid.get().substring("mpath-".length())));
                }
            }
            throw notMultipath(path, map, uuid, " (a kpartx partition whose parent map was not found)");
        }
        throw notMultipath(path, map, uuid, "");
    }

    private static DeviceException notMultipath(String path, BlockDevice map, String uuid, String why) {
        String shown = uuid.isEmpty() ? "none" : uuid;
        String message = path + " is a device-mapper device (" + map.name() + ", dm uuid " + shown
                + ") but not a multipath map" + why + ": give the PV's SCSI disk or multipath map";
        return new DeviceException(path, message,
                new Failure.NotSupported(Failure.Unsupported.DEVICE, "not a multipath map", "dm uuid " + shown));
    }

    /** The character device MAJ:MIN at {@code node}: claimed when it is the sg node of a SCSI disk. */
    static Optional<Claim> classifyCharacter(String node, int major, int minor, Path sysRoot) throws IOException {
        Path link = sysRoot.resolve("dev/char/" + major + ":" + minor);
        if (!Files.exists(link)) {
            return Optional.empty();
        }
        Path dir = link.toRealPath();
        if (dir.getParent() == null || !"scsi_generic".equals(dir.getParent().getFileName().toString())) {
            return Optional.empty();
        }
        Path scsiDevice = dir.resolve("device").toRealPath();
        if (!isScsiDisk(scsiDevice)) {
            return Optional.empty();
        }
        Path blockDir = scsiDevice.resolve("block");
        if (!Files.isDirectory(blockDir)) {
            return Optional.empty();
        }
        Optional<Path> disk;
        try (var disks = Files.list(blockDir)) {
            disk = disks.sorted().findFirst();
        }
        if (disk.isEmpty()) {
            return Optional.empty();
        }
        String wwid = wwid(readTrimmed(scsiDevice.resolve("wwid")));
        return readTrimmed(disk.get().resolve("dev")).map(n -> new Claim(node, DeviceClass.SCSI, n, wwid));
    }

    /**
     * The sd driver's {@code device/wwid} ("naa.6001405...") in the form multipath uses for the same LU
     * ("36001405...": the designator type digit of scsi_id), so a disk and a map of one LU sort alike on every host.
     */
    static String wwid(Optional<String> sysfsWwid) {
        String w = sysfsWwid.orElse("");
        if (w.startsWith("naa.")) {
            return "3" + w.substring(4).toLowerCase(java.util.Locale.ROOT);
        }
        if (w.startsWith("eui.")) {
            return "2" + w.substring(4).toLowerCase(java.util.Locale.ROOT);
        }
        return w;
    }

    /** The whole disk's "MAJ:MIN" from its {@code dev} attribute (the path may have named a partition). */
    private static String wholeDiskNumber(BlockDevice disk) {
        return disk.attribute("dev").orElse(disk.number());
    }

    private static Optional<String> readTrimmed(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
