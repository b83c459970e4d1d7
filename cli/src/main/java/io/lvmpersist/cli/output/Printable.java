package io.lvmpersist.cli.output;

/**
 * Makes text safe to print on a terminal or send to syslog. Device paths, VG names and keys come
 * from the command line, from LVM and from devices; a newline in one could forge a second message
 * line, an escape sequence could rewrite the screen. Every message we print passes through here.
 */
public final class Printable {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Printable() {
    }

    /**
     * {@code text} with every control character (C0, DEL and C1) shown as a visible escape:
     * {@code \n}, {@code \r}, {@code \t}, or {@code \xHH} with the character's code. Everything
     * else, backslashes included, is kept, so ordinary paths and names print unchanged.
     */
    public static String escapeControls(String text) {
        if (text == null || text.chars().noneMatch(Printable::isControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isControl(c)) {
                        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** C0 (U+0000..U+001F), DEL (U+007F) and C1 (U+0080..U+009F). */
    static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
