package io.lvmpersist.transport.nvme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How sysfs tells an NVMe namespace from other devices. The rule looks at the device's parent, not at
 * its name:
 * <ul>
 *   <li>a namespace block device ({@code /sys/block/nvme0n1}) has {@code device} pointing at its parent,
 *       whose {@code subsystem} link ends in {@code nvme} (the controller, {@code /sys/class/nvme/nvme0})
 *       or in {@code nvme-subsystem} (a native-multipath head node, parent {@code nvme-subsys0});</li>
 *   <li>a generic char node ({@code /sys/dev/char/MAJ:MIN} → {@code .../ng0n1}) has its own
 *       {@code subsystem} link ending in {@code nvme-generic}.</li>
 * </ul>
 */
final class NvmeSysfs {

    /** What kind of namespace node a block device is. */
    enum Kind {
        /** A namespace reached through one controller ({@code device} → {@code nvmeX}). */
        NAMESPACE,
        /** A native-multipath head node ({@code device} → {@code nvme-subsysX}): covers every path. */
        MULTIPATH_HEAD
    }

    private NvmeSysfs() {
    }

    /** Classifies the whole-disk sysfs directory of a block device; empty when it is not NVMe. */
    static Optional<Kind> classifyBlock(Path diskDir) {
        return subsystemOf(diskDir.resolve("device")).flatMap(name -> switch (name) {
            case "nvme" -> Optional.of(Kind.NAMESPACE);
            case "nvme-subsystem" -> Optional.of(Kind.MULTIPATH_HEAD);
            default -> Optional.empty();
        });
    }

    /** True when the char device {@code MAJ:MIN} is an NVMe generic namespace node ({@code ngXnY}). */
    static boolean isGenericNode(Path sysRoot, int major, int minor) {
        Path dir = sysRoot.resolve("dev/char/" + major + ":" + minor);
        return Files.exists(dir) && subsystemOf(dir).filter("nvme-generic"::equals).isPresent();
    }

    /**
     * The "MAJ:MIN" of the block namespace that a generic node {@code ngXnY} stands for: the sibling
     * {@code nvmeXnY} under the same parent, so both nodes get the same identity. Empty when not found.
     */
    static Optional<String> blockSiblingOf(Path sysRoot, int major, int minor) {
        return blockSiblingAttribute(sysRoot, major, minor, "dev");
    }

    /**
     * The namespace's {@code wwid} (the kernel's uuid/NGUID/EUI-64-based name, e.g. "eui.0025388b..."), read from
     * the block sibling of a generic node: the same on every host that reaches the namespace.
     */
    static Optional<String> blockSiblingWwid(Path sysRoot, int major, int minor) {
        return blockSiblingAttribute(sysRoot, major, minor, "wwid");
    }

    private static Optional<String> blockSiblingAttribute(Path sysRoot, int major, int minor, String attribute) {
        try {
            Path dir = sysRoot.resolve("dev/char/" + major + ":" + minor).toRealPath();
            String name = dir.getFileName().toString();
            if (!name.startsWith("ng") || dir.getParent() == null) {
                return Optional.empty();
            }
            Path dev = dir.getParent().resolve("nvme" + name.substring(2)).resolve(attribute);
            return Files.isRegularFile(dev) ? Optional.of(Files.readString(dev).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // The class name at the end of dir/subsystem (e.g. "nvme" for ../../class/nvme).
    private static Optional<String> subsystemOf(Path dir) {
        Path link = dir.resolve("subsystem");
        try {
            if (!Files.isSymbolicLink(link)) {
                return Optional.empty();
            }
            Path target = Files.readSymbolicLink(link).getFileName();
            return target == null ? Optional.empty() : Optional.of(target.toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
