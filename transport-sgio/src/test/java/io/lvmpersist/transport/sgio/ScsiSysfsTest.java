package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sysfs acceptance rules on fixture trees (no device nodes needed: classification is by number). */
class ScsiSysfsTest {
    private static final String WWN = "36001405a1b2c3d4e5f60718293a4b5c6";

    @TempDir
    Path tmp;
    private SysfsFixture sys;

    @BeforeEach
    void tree() {
        sys = new SysfsFixture(tmp.resolve("sys"))
                // sdb: LU 1, a disk with the sd driver bound, with a partition sdb1
                .scsiLu(1, 0, true, "sdb", 16)
                .partition(1, "sdb", 1, 17)
                // sdc: LU 2, a second path (for the multipath map)
                .scsiLu(2, 0, true, "sdc", 32)
                // sdd: LU 3, type 0 with scsi_device but no scsi_disk dir (fallback rule)
                .scsiLu(3, 0, false, "sdd", 48)
                // sr0-like: LU 4, type 5 (CD/DVD), no scsi_disk, block dev named sr0 as 8:64 for the fixture
                .scsiLu(4, 5, false, "sr0", 64)
                .dm(2, "mpath-" + WWN, "sdb", "sdc")
                .dm(3, "part1-mpath-" + WWN, "dm-2")
                .dm(4, "LVM-Zx0aB7SKsbmRzVcg5UnCqfKkwMNnPOqQ8ZbE5Ux3xpVDjrJyzyyqBHQc3E7Nz1dq", "dm-3")
                .dm(5, "CRYPT-LUKS2-0f1e2d3c4b5a69788796a5b4c3d2e1f0-luks", "sdd")
                .dm(6, "", "sdd")
                .dm(7, "part1-mpath-" + WWN, "dm-4")
                .dm(8, "part2-LVM-abc", "dm-4")
                // LU 1's WWID as the sd driver shows it (LU 3 has none)
                .file(SysfsFixture.HOST + "/2:0:0:1/wwid", "naa.6001405A1B2C3D4E5F60718293A4B5C6");
        // NVMe namespace and a loop device: block devices with no SCSI device behind them.
        sys.file("devices/pci0000:00/0000:00:06.0/nvme/nvme0/nvme0n1/dev", "259:0")
                .link("devices/pci0000:00/0000:00:06.0/nvme/nvme0/nvme0n1/device", "../../nvme0")
                .link("dev/block/259:0", "../../devices/pci0000:00/0000:00:06.0/nvme/nvme0/nvme0n1")
                .file("devices/virtual/block/loop0/dev", "7:0")
                .file("devices/virtual/block/loop0/loop/backing_file", "/tmp/x.img")
                .link("dev/block/7:0", "../../devices/virtual/block/loop0");
    }

    private Optional<ScsiSysfs.Claim> block(String path, int major, int minor) throws Exception {
        return ScsiSysfs.classifyBlock(path, major, minor, sys.root());
    }

    @Test
    void scsiDisk() throws Exception {
        assertEquals(Optional.of(new ScsiSysfs.Claim("/dev/sdb", DeviceClass.SCSI, "8:16", WWN)),
                block("/dev/disk/by-id/wwn-0x6001405a1b2c3d4", 8, 16));
    }

    @Test
    void partitionMapsToItsWholeDisk() throws Exception {
        assertEquals(Optional.of(new ScsiSysfs.Claim("/dev/sdb", DeviceClass.SCSI, "8:16", WWN)),
                block("/dev/sdb1", 8, 17));
    }

    @Test
    void aDiskAndAMapOfOneLuHaveTheSameWwidForOrdering() throws Exception {
        // The WWID orders devices the same way on every host, however each host reaches the LU.
        assertEquals(block("/dev/sdb", 8, 16).orElseThrow().wwid(), block("/dev/dm-2", 253, 2).orElseThrow().wwid());
        assertEquals("2a1b2c3d4e5f60718", ScsiSysfs.wwid(Optional.of("eui.A1B2C3D4E5F60718")));
        assertEquals("t10.LIO-ORG disk", ScsiSysfs.wwid(Optional.of("t10.LIO-ORG disk")));
    }

    @Test
    void typeZeroWithoutScsiDiskDirIsStillADisk() throws Exception {
        assertEquals(Optional.of(new ScsiSysfs.Claim("/dev/sdd", DeviceClass.SCSI, "8:48", "")),
                block("/dev/sdd", 8, 48));
    }

    @Test
    void otherScsiDeviceTypesAreNotClaimed() throws Exception {
        assertEquals(Optional.empty(), block("/dev/sr0", 8, 64));
    }

    @Test
    void multipathMap() throws Exception {
        assertEquals(Optional.of(new ScsiSysfs.Claim("/dev/dm-2", DeviceClass.MULTIPATH, "253:2", WWN)),
                block("/dev/mapper/mpatha", 253, 2));
    }

    @Test
    void kpartxPartitionMapsToItsParentMap() throws Exception {
        assertEquals(Optional.of(new ScsiSysfs.Claim("/dev/dm-2", DeviceClass.MULTIPATH, "253:2", WWN)),
                block("/dev/mapper/mpatha1", 253, 3));
    }

    @Test
    void logicalVolumeIsAnErrorNamingDeviceAndUuid() {
        DeviceException e = assertThrows(DeviceException.class, () -> block("/dev/vg0/lv0", 253, 4));
        assertEquals("/dev/vg0/lv0", e.device());
        assertEquals("/dev/vg0/lv0 is a device-mapper device (dm-4, dm uuid "
                + "LVM-Zx0aB7SKsbmRzVcg5UnCqfKkwMNnPOqQ8ZbE5Ux3xpVDjrJyzyyqBHQc3E7Nz1dq) but not a multipath map: "
                + "give the PV's SCSI disk or multipath map", e.getMessage());
        Failure.NotSupported f = assertInstanceOf(Failure.NotSupported.class, e.failure());
        assertEquals(Failure.Unsupported.DEVICE, f.what());
    }

    @Test
    void cryptAndUuidLessDmDevicesAreErrors() {
        DeviceException crypt = assertThrows(DeviceException.class, () -> block("/dev/mapper/c", 253, 5));
        assertTrue(crypt.getMessage().contains("dm uuid CRYPT-LUKS2-"), crypt.getMessage());
        DeviceException plain = assertThrows(DeviceException.class, () -> block("/dev/mapper/p", 253, 6));
        assertTrue(plain.getMessage().contains("(dm-6, dm uuid none)"), plain.getMessage());
    }

    @Test
    void partitionOfSomethingElseIsAnError() {
        // kpartx-style uuid, but the parent is an LV, not a multipath map.
        DeviceException e = assertThrows(DeviceException.class, () -> block("/dev/mapper/lvp1", 253, 7));
        assertTrue(e.getMessage().contains("(a kpartx partition whose parent map was not found)"), e.getMessage());
        // a partition of an LV: not kpartx-of-mpath at all
        DeviceException lv = assertThrows(DeviceException.class, () -> block("/dev/mapper/lvp2", 253, 8));
        assertTrue(lv.getMessage().contains("(dm-8, dm uuid part2-LVM-abc) but not a multipath map"), lv.getMessage());
    }

    @Test
    void nvmeAndLoopAreNotClaimed() throws Exception {
        assertEquals(Optional.empty(), block("/dev/nvme0n1", 259, 0));
        assertEquals(Optional.empty(), block("/dev/loop0", 7, 0));
    }

    @Test
    void unknownNumberIsNotClaimed() throws Exception {
        assertEquals(Optional.empty(), block("/dev/whatever", 8, 240));
    }

    @Test
    void sgNodeOfADiskHasTheDisksIdentity() throws Exception {
        assertEquals(Optional.of(new ScsiSysfs.Claim("/dev/sg1", DeviceClass.SCSI, "8:16", WWN)),
                ScsiSysfs.classifyCharacter("/dev/sg1", 21, 1, sys.root()));
    }

    @Test
    void sgNodeOfANonDiskIsNotClaimed() throws Exception {
        assertEquals(Optional.empty(), ScsiSysfs.classifyCharacter("/dev/sg4", 21, 4, sys.root()));
        // a character device that is not under scsi_generic (e.g. /dev/null, 1:3)
        sys.file("devices/virtual/mem/null/dev", "1:3").link("dev/char/1:3", "../../devices/virtual/mem/null");
        assertEquals(Optional.empty(), ScsiSysfs.classifyCharacter("/dev/null", 1, 3, sys.root()));
        assertEquals(Optional.empty(), ScsiSysfs.classifyCharacter("/dev/x", 10, 99, sys.root()));
    }
}
