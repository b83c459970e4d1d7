package io.lvmpersist.transport.sgio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Whether multipathd knows our key: with {@code reservation_key file} in multipath.conf it reads
 * the prkeys file and registers paths that appear or come back later. Without it, those paths
 * stay unregistered and their I/O fails with RESERVATION CONFLICT once a reservation exists.
 */
final class MultipathConfig {
    private static final Pattern RESERVATION_KEY_FILE =
            Pattern.compile("^\\s*reservation_key\\s+\"?file\"?\\s*(#.*)?$");

    static final String NOT_CONFIGURED = "multipathd is not configured for persistent reservations"
            + " (no \"reservation_key file\" in /etc/multipath.conf): paths that come back later will not be"
            + " registered. To use persistent reservations with multipath, run:"
            + " mpathconf --option reservation_key:file, then restart multipathd.";

    private MultipathConfig() {
    }

    /** True when {@code etc/multipath.conf} sets {@code reservation_key file} (in any section). */
    static boolean usesPrkeysFile(Path etc) {
        Path conf = etc.resolve("multipath.conf");
        if (!Files.isRegularFile(conf)) {
            return false;
        }
        try {
            return Files.readAllLines(conf).stream().anyMatch(l -> RESERVATION_KEY_FILE.matcher(l).matches());
        } catch (IOException e) {
            return false;
        }
    }
}
