package io.lvmpersist.transport.multipath;

import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrDevice;

/**
 * One path of a multipath device: its own I_T nexus, so its own registration.
 *
 * @param name        the path's device node, e.g. /dev/sdc
 * @param device      the open path, or null when it could not be opened
 * @param openFailure why it could not be opened (null when open)
 */
public record PathHandle(String name, PrDevice device, Failure openFailure) {

    public static PathHandle open(String name, PrDevice device) {
        return new PathHandle(name, device, null);
    }

    public static PathHandle failed(String name, Failure why) {
        return new PathHandle(name, null, why);
    }

    public boolean usable() {
        return device != null;
    }
}
