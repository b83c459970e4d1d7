package io.lvmpersist.transport.sim;

import java.util.LinkedHashMap;
import java.util.List;

/** Everything a simulated SAN holds: LUs, device path bindings and volume groups. Mutable, used under a lock. */
final class SanState {
    final LinkedHashMap<String, Lun> luns = new LinkedHashMap<>();
    /** Device path → LU id. */
    final LinkedHashMap<String, String> paths = new LinkedHashMap<>();
    /** VG name → ordered PV paths. */
    final LinkedHashMap<String, List<String>> volumeGroups = new LinkedHashMap<>();
}
