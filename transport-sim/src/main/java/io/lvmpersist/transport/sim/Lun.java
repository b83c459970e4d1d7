package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.DeviceClass;

/** One simulated LU / namespace in the SAN: identity, personality, fault knobs and PR state. */
final class Lun {
    final String id;
    final Personality personality;
    final DeviceClass deviceClass;
    final PrState pr;
    Faults faults;
    /** Commands seen since {@link #faults} were set; only counted while a failure is scheduled. */
    long commandsSinceFaults;

    Lun(String id, Personality personality, DeviceClass deviceClass, Faults faults, PrState pr) {
        this.id = id;
        this.personality = personality;
        this.deviceClass = deviceClass;
        this.faults = faults;
        this.pr = pr;
    }

    ScsiLun scsi() {
        return new ScsiLun(pr, faults);
    }

    NvmeNamespace nvme() {
        return new NvmeNamespace(pr, faults);
    }
}
