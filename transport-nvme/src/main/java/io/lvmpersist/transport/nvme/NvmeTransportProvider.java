package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.linux.BlockDevice;
import io.lvmpersist.transport.spi.DeviceMatch;
import io.lvmpersist.transport.spi.TransportContext;
import io.lvmpersist.transport.spi.TransportProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The "nvme" transport: NVMe namespaces ({@code /dev/nvmeXnY}, native-multipath head nodes, partitions of
 * them, and the generic char nodes {@code /dev/ngXnY}) driven through the NVMe passthrough ioctl.
 *
 * <p>Recognised through sysfs ({@link NvmeSysfs}), never by the path string. A partition is replaced by its
 * namespace. A native-multipath head is one device: registrations belong to the host, so the head is
 * registered once and never per controller path.
 */
public final class NvmeTransportProvider implements TransportProvider {
    private static final Logger LOG = LoggerFactory.getLogger(NvmeTransportProvider.class);
    public static final String NAME = "nvme";

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    /** Trivial on purpose: ServiceLoader instantiates every provider. */
    public NvmeTransportProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<DeviceMatch> match(String path, TransportContext context) throws DeviceException {
        try {
            Optional<BlockDevice> block = BlockDevice.of(path, context.sysRoot());
            if (block.isPresent()) {
                return matchBlock(path, block.get());
            }
            return matchCharNode(path, context.sysRoot());
        } catch (NoSuchFileException e) {
            throw new DeviceException(path, "device " + path + " does not exist: check the path",
                    new Failure.DeviceError("no such device", "ENOENT"));
        } catch (IOException e) {
            throw new DeviceException(path, "cannot examine " + path + ": " + e.getMessage(), e);
        }
    }

    /** The claim for a block device already looked up in sysfs (fixture trees use this directly). */
    static Optional<DeviceMatch> matchBlock(String path, BlockDevice device) {
        Optional<NvmeSysfs.Kind> kind = NvmeSysfs.classifyBlock(device.sysDir());
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        // The namespace's own number, also when a partition was given.
        String identity = device.attribute("dev").orElse(device.number());
        LOG.debug("{}: NVMe {} {} ({}{})", path, kind.get() == NvmeSysfs.Kind.MULTIPATH_HEAD
                ? "multipath head" : "namespace", device.name(), identity, device.partition() ? ", from a partition" : "");
        return Optional.of(new DeviceMatch(path, device.node(), DeviceClass.NVME, identity, NAME,
                device.attribute("wwid").orElse("")));
    }

    private static Optional<DeviceMatch> matchCharNode(String path, Path sysRoot) throws IOException {
        Path p = Path.of(path);
        int mode = (Integer) Files.getAttribute(p, "unix:mode");
        if ((mode & S_IFMT) != S_IFCHR) {
            return Optional.empty();
        }
        long rdev = (Long) Files.getAttribute(p, "unix:rdev");
        return matchChar(path, p.toRealPath().toString(), BlockDevice.major(rdev), BlockDevice.minor(rdev), sysRoot);
    }

    /** The claim for a char device {@code MAJ:MIN} (fixture trees use this directly). */
    static Optional<DeviceMatch> matchChar(String path, String node, int major, int minor, Path sysRoot) {
        if (!NvmeSysfs.isGenericNode(sysRoot, major, minor)) {
            return Optional.empty();
        }
        String identity = NvmeSysfs.blockSiblingOf(sysRoot, major, minor).orElse("c" + major + ":" + minor);
        LOG.debug("{}: NVMe generic node {} ({})", path, node, identity);
        return Optional.of(new DeviceMatch(path, node, DeviceClass.NVME, identity, NAME,
                NvmeSysfs.blockSiblingWwid(sysRoot, major, minor).orElse("")));
    }

    @Override
    public PrDevice open(DeviceMatch match, TransportContext context) throws DeviceException {
        PassthruExecutor executor = PassthruExecutor.open(match.node(), context.timeout());
        LOG.debug("{}: opened {} as namespace {}", match.path(), match.node(), executor.nsid());
        return new NvmePrDevice(match.path(), executor.nsid(), executor, context.timeout());
    }
}
