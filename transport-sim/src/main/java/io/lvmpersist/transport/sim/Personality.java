package io.lvmpersist.transport.sim;

/** Which protocol a simulated logical unit speaks: an SPC-4 SCSI LU or an NVMe namespace. */
public enum Personality {
    SCSI,
    NVME
}
