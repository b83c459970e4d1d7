package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.spi.DeviceMatch;
import io.lvmpersist.transport.spi.TransportContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link SgIoTransportProvider#match} end to end: real device nodes (made with mknod, root only) whose
 * numbers point into a fixture sysfs tree, reached through symlinks as /dev/disk/by-id would be.
 */
class SgIoTransportProviderTest {
    /** LU 1's WWID as multipath names it: the disk, its partition, its sg node and the map all share it. */
    private static final String WWID = "3600140500000000000000000000000aa";
    @TempDir
    Path tmp;
    private TransportContext context;
    private Path dev;

    @BeforeEach
    void setUp() {
        SysfsFixture sys = new SysfsFixture(tmp.resolve("sys"))
                .scsiLu(1, 0, true, "sdb", 16)
                .partition(1, "sdb", 1, 17)
                .scsiLu(2, 0, true, "sdc", 32)
                .dm(2, "mpath-3600140500000000000000000000000aa", "sdb", "sdc")
                .dm(4, "LVM-abcdef", "dm-2")
                .file(SysfsFixture.HOST + "/2:0:0:1/wwid", "naa.600140500000000000000000000000aa");
        context = new TransportContext(sys.root(), Duration.ofSeconds(5), Optional.empty());
        dev = tmp.resolve("dev");
    }

    private String node(String name, char kind, int major, int minor) throws Exception {
        assumeTrue(LoopDevice.isRoot(), "needs root to create device nodes with mknod");
        Files.createDirectories(dev);
        Path node = dev.resolve(name);
        LoopDevice.Result r = LoopDevice.run("mknod", node.toString(), String.valueOf(kind),
                Integer.toString(major), Integer.toString(minor));
        assumeTrue(r.exit() == 0, "mknod not possible here: " + r.output());
        return node.toString();
    }

    @Test
    void diskThroughASymlink() throws Exception {
        String sdb = node("sdb", 'b', 8, 16);
        Path byId = Files.createDirectories(dev.resolve("disk/by-id")).resolve("wwn-0x600140500aa");
        Files.createSymbolicLink(byId, Path.of("../../sdb"));
        assertEquals(Optional.of(new DeviceMatch(byId.toString(), "/dev/sdb", DeviceClass.SCSI, "8:16", "sgio",
                WWID)),
                new SgIoTransportProvider().match(byId.toString(), context));
        assertTrue(sdb.endsWith("sdb"));
    }

    @Test
    void partitionNode() throws Exception {
        String sdb1 = node("sdb1", 'b', 8, 17);
        assertEquals(Optional.of(new DeviceMatch(sdb1, "/dev/sdb", DeviceClass.SCSI, "8:16", "sgio", WWID)),
                new SgIoTransportProvider().match(sdb1, context));
    }

    @Test
    void sgNode() throws Exception {
        String sg1 = node("sg1", 'c', 21, 1);
        assertEquals(Optional.of(new DeviceMatch(sg1, Path.of(sg1).toRealPath().toString(), DeviceClass.SCSI, "8:16",
                "sgio", WWID)), new SgIoTransportProvider().match(sg1, context));
    }

    @Test
    void multipathMapAndLogicalVolume() throws Exception {
        String map = node("mpatha", 'b', 253, 2);
        assertEquals(Optional.of(new DeviceMatch(map, "/dev/dm-2", DeviceClass.MULTIPATH, "253:2", "sgio", WWID)),
                new SgIoTransportProvider().match(map, context));
        String lv = node("lv0", 'b', 253, 4);
        DeviceException e = assertThrows(DeviceException.class, () -> new SgIoTransportProvider().match(lv, context));
        assertTrue(e.getMessage().startsWith(lv + " is a device-mapper device (dm-4, dm uuid LVM-abcdef)"),
                e.getMessage());
    }

    @Test
    void blockDeviceUnknownToSysfsIsNotClaimed() throws Exception {
        String other = node("other", 'b', 7, 200);
        assertEquals(Optional.empty(), new SgIoTransportProvider().match(other, context));
    }
}
