package io.lvmpersist.transport.sim;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The last parse of each file's text, reused while the file holds exactly that text: a command on a VG of many
 * PVs reads the same files again and again, mostly unchanged or as this process wrote them, and parsing is slow
 * in a cold JVM. Keyed by content, never by time stamps, so a file changed by anybody else is parsed again.
 * The parses are shared: callers must not change them (copy a mutable one first).
 */
final class LastParse<K, T> {
    private record Entry<T>(String text, T parsed) {
    }

    private final ConcurrentHashMap<K, Entry<T>> last = new ConcurrentHashMap<>();

    /** The parse of {@code text}, the file {@code key}'s current content. */
    T of(K key, String text, Function<String, T> parse) {
        Entry<T> entry = last.get(key);
        if (entry != null && entry.text().equals(text)) {
            return entry.parsed();
        }
        T parsed = parse.apply(text);
        last.put(key, new Entry<>(text, parsed));
        return parsed;
    }

    /** Records that the file {@code key} now holds {@code text}, whose parse is {@code parsed}. */
    void wrote(K key, String text, T parsed) {
        last.put(key, new Entry<>(text, parsed));
    }
}
