package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.linux.BlockDevice;
import io.lvmpersist.transport.spi.DeviceMatch;
import io.lvmpersist.transport.spi.TransportContext;
import io.lvmpersist.transport.spi.TransportProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Matching on fixture sysfs trees shaped like the kernel's:
 * <pre>
 * devices/pci0000:00/0000:00:04.0/nvme/nvme0            controller, subsystem -> class/nvme
 *   nvme0n1 (259:0, device -> ../../nvme0), nvme0n1/nvme0n1p1 (259:1)
 *   ng0n1 (char 242:0, subsystem -> class/nvme-generic)
 * devices/virtual/nvme-subsystem/nvme-subsys1            subsystem -> class/nvme-subsystem
 *   nvme1n1 (259:5, device -> ../../nvme-subsys1)        native-multipath head
 *   ng1n1 (char 242:1)                                   generic node of the head
 * devices/pci0000:00/0000:00:05.0/host0/.../0:0:0:0      SCSI device, subsystem -> bus/scsi
 *   block/sda (8:0, device -> ../../../0:0:0:0)
 * dev/block/MAJ:MIN, dev/char/MAJ:MIN                    links to the above
 * </pre>
 */
class NvmeTransportProviderTest {
    @TempDir
    Path sys;

    private static final String CTRL = "devices/pci0000:00/0000:00:04.0/nvme/nvme0";
    private static final String SUBSYS = "devices/virtual/nvme-subsystem/nvme-subsys1";
    private static final String SCSI = "devices/pci0000:00/0000:00:05.0/host0/target0:0:0/0:0:0:0";

    @BeforeEach
    void buildTree() throws IOException {
        dir(CTRL);
        link(CTRL + "/subsystem", "../../../../../class/nvme");
        disk(CTRL + "/nvme0n1", "259:0", "../../nvme0");
        file(CTRL + "/nvme0n1/nvme0n1p1/dev", "259:1");
        file(CTRL + "/nvme0n1/nvme0n1p1/partition", "1");
        file(CTRL + "/ng0n1/dev", "242:0");
        link(CTRL + "/ng0n1/subsystem", "../../../../../../class/nvme-generic");

        dir(SUBSYS);
        link(SUBSYS + "/subsystem", "../../../../class/nvme-subsystem");
        disk(SUBSYS + "/nvme1n1", "259:5", "../../nvme-subsys1");
        file(SUBSYS + "/ng1n1/dev", "242:1");
        link(SUBSYS + "/ng1n1/subsystem", "../../../../../class/nvme-generic");

        dir(SCSI);
        link(SCSI + "/subsystem", "../../../../../../bus/scsi");
        disk(SCSI + "/block/sda", "8:0", "../../../0:0:0:0");

        devLink("block/259:0", CTRL + "/nvme0n1");
        devLink("block/259:1", CTRL + "/nvme0n1/nvme0n1p1");
        devLink("block/259:5", SUBSYS + "/nvme1n1");
        devLink("block/8:0", SCSI + "/block/sda");
        devLink("char/242:0", CTRL + "/ng0n1");
        devLink("char/242:1", SUBSYS + "/ng1n1");
        devLink("char/1:3", "devices/virtual/mem/null");
        dir("devices/virtual/mem/null");
        link("devices/virtual/mem/null/subsystem", "../../../../class/mem");
    }

    private void dir(String rel) throws IOException {
        Files.createDirectories(sys.resolve(rel));
    }

    private void file(String rel, String content) throws IOException {
        Files.createDirectories(sys.resolve(rel).getParent());
        Files.writeString(sys.resolve(rel), content + "\n");
    }

    private void link(String rel, String target) throws IOException {
        Files.createDirectories(sys.resolve(rel).getParent());
        Files.createSymbolicLink(sys.resolve(rel), Path.of(target));
    }

    private void disk(String rel, String dev, String deviceLink) throws IOException {
        file(rel + "/dev", dev);
        link(rel + "/device", deviceLink);
    }

    private void devLink(String rel, String target) throws IOException {
        link("dev/" + rel, "../../" + target);
    }

    private Optional<DeviceMatch> block(String path, int major, int minor) throws IOException {
        BlockDevice device = BlockDevice.ofNumber(major, minor, sys).orElseThrow();
        return NvmeTransportProvider.matchBlock(path, device);
    }

    @Test
    void namespaceBehindAController() throws IOException {
        assertEquals(Optional.of(new DeviceMatch("/dev/disk/by-id/nvme-x", "/dev/nvme0n1", DeviceClass.NVME,
                "259:0", "nvme")), block("/dev/disk/by-id/nvme-x", 259, 0));
        assertEquals(Optional.of(NvmeSysfs.Kind.NAMESPACE), NvmeSysfs.classifyBlock(sys.resolve(CTRL + "/nvme0n1")));
    }

    @Test
    void partitionIsReplacedByItsNamespace() throws IOException {
        assertEquals(Optional.of(new DeviceMatch("/dev/nvme0n1p1", "/dev/nvme0n1", DeviceClass.NVME, "259:0",
                "nvme")), block("/dev/nvme0n1p1", 259, 1));
    }

    @Test
    void nativeMultipathHeadIsOneNvmeDevice() throws IOException {
        assertEquals(Optional.of(new DeviceMatch("/dev/nvme1n1", "/dev/nvme1n1", DeviceClass.NVME, "259:5",
                "nvme")), block("/dev/nvme1n1", 259, 5));
        assertEquals(Optional.of(NvmeSysfs.Kind.MULTIPATH_HEAD),
                NvmeSysfs.classifyBlock(sys.resolve(SUBSYS + "/nvme1n1")));
    }

    @Test
    void scsiDiskIsNotClaimed() throws IOException {
        assertEquals(Optional.empty(), block("/dev/sda", 8, 0));
    }

    @Test
    void diskWithoutADeviceLinkIsNotClaimed() throws IOException {
        file("devices/virtual/block/loop0/dev", "7:0");
        devLink("block/7:0", "devices/virtual/block/loop0");
        assertEquals(Optional.empty(), block("/dev/loop0", 7, 0));
    }

    @Test
    void genericCharNodeSharesTheIdentityOfItsBlockNamespace() {
        assertEquals(Optional.of(new DeviceMatch("/dev/ng0n1", "/dev/ng0n1", DeviceClass.NVME, "259:0", "nvme")),
                NvmeTransportProvider.matchChar("/dev/ng0n1", "/dev/ng0n1", 242, 0, sys));
        assertEquals("259:5", NvmeTransportProvider.matchChar("/dev/ng1n1", "/dev/ng1n1", 242, 1, sys)
                .orElseThrow().identity());
    }

    @Test
    void theNamespaceWwidIsTheSharedIdForBlockAndGenericNodes() throws IOException {
        // Hosts racing for a VG order its devices by this name, which every host reads the same.
        file(SUBSYS + "/nvme1n1/wwid", "eui.0025388b91b2c3d4");
        assertEquals("eui.0025388b91b2c3d4", block("/dev/nvme1n1", 259, 5).orElseThrow().sharedId());
        assertEquals("eui.0025388b91b2c3d4",
                NvmeTransportProvider.matchChar("/dev/ng1n1", "/dev/ng1n1", 242, 1, sys).orElseThrow().sharedId());
        assertEquals("", block("/dev/nvme0n1", 259, 0).orElseThrow().sharedId(), "no wwid in sysfs: none");
    }

    @Test
    void genericNodeWithoutBlockSiblingGetsACharIdentity() throws IOException {
        file(CTRL + "/ng0n9/dev", "242:9");
        link(CTRL + "/ng0n9/subsystem", "../../../../../../class/nvme-generic");
        devLink("char/242:9", CTRL + "/ng0n9");
        assertEquals("c242:9", NvmeTransportProvider.matchChar("/dev/ng0n9", "/dev/ng0n9", 242, 9, sys)
                .orElseThrow().identity());
    }

    @Test
    void otherCharDevicesAreNotClaimed() {
        assertEquals(Optional.empty(), NvmeTransportProvider.matchChar("/dev/null", "/dev/null", 1, 3, sys));
        assertEquals(Optional.empty(), NvmeTransportProvider.matchChar("/dev/x", "/dev/x", 99, 99, sys));
    }

    @Test
    void missingPathIsADeviceExceptionNamingIt() {
        TransportContext context = new TransportContext(sys, Duration.ofSeconds(5), Optional.empty());
        DeviceException e = assertThrows(DeviceException.class,
                () -> new NvmeTransportProvider().match("/dev/nvme-does-not-exist", context));
        assertEquals("/dev/nvme-does-not-exist", e.device());
        assertTrue(e.getMessage().contains("/dev/nvme-does-not-exist"), e.getMessage());
    }

    @Test
    void realDevNullIsNotClaimed() throws DeviceException {
        assertEquals(Optional.empty(), new NvmeTransportProvider().match("/dev/null", TransportContext.system()));
    }

    @Test
    void realNonNvmeBlockDeviceIsNotClaimed() throws IOException, DeviceException {
        Optional<Path> disk;
        try (var entries = Files.list(Path.of("/sys/block"))) {
            disk = entries.map(p -> Path.of("/dev", p.getFileName().toString()))
                    .filter(p -> !p.getFileName().toString().startsWith("nvme") && Files.exists(p)).findFirst();
        }
        assumeTrue(disk.isPresent(), "no non-NVMe block device on this machine");
        assertEquals(Optional.empty(), new NvmeTransportProvider().match(disk.get().toString(),
                TransportContext.system()));
    }

    @Test
    void foundByServiceLoaderAsARealTransport() {
        List<TransportProvider> providers = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("nvme")).toList();
        assertEquals(1, providers.size());
        assertTrue(providers.get(0) instanceof NvmeTransportProvider);
        assertFalse(providers.get(0).simulated());
    }
}
