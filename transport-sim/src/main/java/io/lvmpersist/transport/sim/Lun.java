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
    /** A simulated dm-multipath map: paths per host (each its own I_T nexus, "host/pathN"). */
    int pathCount;
    /** Paths (1-based) that are down: commands through them fail at the transport level. */
    final java.util.SortedSet<Integer> downPaths = new java.util.TreeSet<>();

    Lun(String id, Personality personality, DeviceClass deviceClass, Faults faults, PrState pr) {
        this.id = id;
        this.personality = personality;
        this.deviceClass = deviceClass;
        this.faults = faults;
        this.pr = pr;
        this.pathCount = deviceClass == DeviceClass.MULTIPATH ? 2 : 1;
    }

    /** A deep copy: changing either leaves the other as it was ({@link Faults} is immutable). */
    Lun copy() {
        Lun copy = new Lun(id, personality, deviceClass, faults, pr.copy());
        copy.commandsSinceFaults = commandsSinceFaults;
        copy.pathCount = pathCount;
        copy.downPaths.addAll(downPaths);
        return copy;
    }

    /** The I_T nexus of {@code host} through path {@code path} of a multipath LU. */
    static String nexus(String host, int path) {
        return host + "/path" + path;
    }

    ScsiLun scsi() {
        return new ScsiLun(pr, faults);
    }

    NvmeNamespace nvme() {
        return new NvmeNamespace(pr, faults);
    }
}
