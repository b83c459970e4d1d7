package io.lvmpersist.cli.command;

import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.spi.TransportContext;

import java.util.List;

/**
 * A validated command line: keys parsed, type policy chosen, devices not yet resolved.
 *
 * @param notices lines lvmpersist prints before acting (e.g. "Using ourkey: 0x7b" for a decimal key)
 */
public record Invocation(String command,
                         ReservationKey ourKey,
                         ReservationKey removeKey,
                         ReservationKey key,
                         TypePolicy policy,
                         boolean ptpl,
                         List<String> devices,
                         String vg,
                         boolean json,
                         TransportContext context,
                         List<String> notices) {

    /** The label lvmpersist uses in messages: the VG, else the device basename(s) "first:last". */
    public String group() {
        if (vg != null) {
            return vg;
        }
        if (devices.isEmpty()) {
            return "";
        }
        String first = basename(devices.getFirst());
        return devices.size() == 1 ? first : first + ":" + basename(devices.getLast());
    }

    private static String basename(String path) {
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }
}
