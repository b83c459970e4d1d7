package io.lvmpersist.transport.sgio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a sysfs-like tree under a temporary root, with the same directories and relative symlinks
 * the kernel creates (checked against a Linux 6.x system with sd, sg and dm-multipath).
 */
final class SysfsFixture {
    static final String HOST = "devices/pci0000:00/0000:00:05.0/host2/target2:0:0";

    private final Path root;

    SysfsFixture(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    SysfsFixture file(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content + "\n");
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SysfsFixture dir(String relative) {
        try {
            Files.createDirectories(root.resolve(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A symlink at {@code relative} pointing to {@code target} (relative to the link's directory, as sysfs does). */
    SysfsFixture link(String relative, String target) {
        try {
            Path link = root.resolve(relative);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A SCSI LU at H:C:T:L 2:0:0:{@code lun} with peripheral {@code type}; a disk gets the sd driver's
     * {@code scsi_disk/} directory, block device {@code name} (8:{@code minor}) and sg node sg{@code lun}.
     */
    SysfsFixture scsiLu(int lun, int type, boolean sdBound, String name, int minor) {
        String lu = HOST + "/2:0:0:" + lun;
        file(lu + "/type", Integer.toString(type));
        file(lu + "/vendor", "LIO-ORG ");
        dir(lu + "/scsi_device/2:0:0:" + lun);
        if (sdBound) {
            dir(lu + "/scsi_disk/2:0:0:" + lun);
        }
        file(lu + "/scsi_generic/sg" + lun + "/dev", "21:" + lun);
        link(lu + "/scsi_generic/sg" + lun + "/device", "../../../2:0:0:" + lun);
        link("dev/char/21:" + lun, "../../" + lu + "/scsi_generic/sg" + lun);
        if (name != null) {
            file(lu + "/block/" + name + "/dev", "8:" + minor);
            link(lu + "/block/" + name + "/device", "../../../2:0:0:" + lun);
            link("dev/block/8:" + minor, "../../" + lu + "/block/" + name);
            link("block/" + name, "../" + lu + "/block/" + name);
        }
        return this;
    }

    /** Partition {@code n} of the disk of LU {@code lun}. */
    SysfsFixture partition(int lun, String disk, int n, int minor) {
        String dir = HOST + "/2:0:0:" + lun + "/block/" + disk + "/" + disk + n;
        file(dir + "/dev", "8:" + minor);
        file(dir + "/partition", Integer.toString(n));
        link("dev/block/8:" + minor, "../../" + dir);
        return this;
    }

    /** A dm device dm-{@code n} (253:n) with {@code uuid} over the given slaves (kernel names). */
    SysfsFixture dm(int n, String uuid, String... slaves) {
        String dir = "devices/virtual/block/dm-" + n;
        file(dir + "/dev", "253:" + n);
        file(dir + "/dm/uuid", uuid);
        file(dir + "/dm/name", "map" + n);
        dir(dir + "/slaves");
        for (String slave : slaves) {
            String target = slave.startsWith("dm-") ? "../../" + slave
                    : "../../../../pci0000:00/0000:00:05.0/host2/target2:0:0/2:0:0:" + (slave.charAt(2) - 'a')
                    + "/block/" + slave;
            link(dir + "/slaves/" + slave, target);
        }
        link("dev/block/253:" + n, "../../" + dir);
        return this;
    }
}
