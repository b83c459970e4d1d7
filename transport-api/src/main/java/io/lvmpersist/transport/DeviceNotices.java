package io.lvmpersist.transport;

import java.util.List;

/**
 * Implemented by devices that have something to tell the user beyond a command's result, e.g. a
 * multipath map with a failed path or multipathd not configured for PRs. The CLI prints each
 * distinct notice once, on stderr.
 */
public interface DeviceNotices {
    List<String> notices();
}
