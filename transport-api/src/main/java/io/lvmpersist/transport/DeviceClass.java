package io.lvmpersist.transport;

/**
 * What kind of block device carries the PRs; it decides the reservation type policy
 * (lvmpersist uses WEAR for {@code --access ex} on dm-multipath so every path stays usable).
 */
public enum DeviceClass {
    /** A SCSI disk (sd) reached through one I_T nexus. */
    SCSI,
    /** A dm-multipath map over SCSI paths: each path is its own I_T nexus. */
    MULTIPATH,
    /** An NVMe namespace (including a native-multipath head node): registrations belong to the host. */
    NVME
}
