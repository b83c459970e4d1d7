package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.multipath.RegistrationHook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * multipathd's prkeys file ({@code /etc/multipath/prkeys}), kept in the format multipathd reads:
 * a comment header, then one line {@code 0x<16 hex digits> <wwid>} per map ({@code 0X...} when
 * APTPL was requested). A removed key is commented out with '#', as multipathd does. The file is
 * rewritten in place under a whole-file fcntl lock, the lock multipathd takes too.
 */
final class PrkeysFile implements RegistrationHook {
    static final String HEADER = """
            # Multipath persistent reservation keys, Version : 1.0
            # NOTE: this file is automatically maintained by the multipathd program.
            # You should not need to edit this file in normal circumstances.
            #
            # Format:
            # prkey wwid
            #
            """;

    private final Path file;
    private final String wwid;

    PrkeysFile(Path file, String wwid) {
        this.file = file;
        this.wwid = wwid;
    }

    static String line(ReservationKey key, boolean aptpl, String wwid) {
        String hex = String.format(Locale.ROOT, "%016x", key.value());
        return (aptpl ? "0X" : "0x") + hex + " " + wwid;
    }

    @Override
    public Optional<String> registered(ReservationKey key, boolean persistThroughPowerLoss) {
        return update(line(key, persistThroughPowerLoss, wwid));
    }

    @Override
    public Optional<String> unregistered(ReservationKey key) {
        return update(null);
    }

    /** Replaces this map's line with {@code newLine}, or comments it out when {@code newLine} is null. */
    private Optional<String> update(String newLine) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    rewrite(channel, newLine);
                } finally {
                    lock.release();
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot update " + file + " for multipathd (map " + wwid + "): " + e.getMessage()
                    + "; paths that come back later will not be registered");
        }
    }

    private void rewrite(FileChannel channel, String newLine) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // read the whole file
        }
        String text = new String(buffer.array(), StandardCharsets.UTF_8);
        String updated = apply(text, newLine);
        if (!updated.equals(text)) {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(updated.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
        }
    }

    /** The file's new text: header kept (added when empty), our line replaced or commented out. */
    String apply(String text, String newLine) {
        List<String> lines = new ArrayList<>(text.isEmpty() ? HEADER.lines().toList() : text.lines().toList());
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("#") && l.endsWith(" " + wwid)) {
                lines.set(i, newLine != null ? newLine : "#" + l.substring(1));
                found = true;
            }
        }
        if (!found && newLine != null) {
            lines.add(newLine);
        }
        return String.join("\n", lines) + "\n";
    }
}
