package io.lvmpersist.transport.sgio;

/** Builds expected byte arrays from hand-written hex, so golden tests read like the SPC tables. */
final class GoldenBytes {
    private GoldenBytes() {
    }

    /** "5e 00 00 ..." (whitespace ignored) to bytes. */
    static byte[] hex(String text) {
        String compact = text.replaceAll("\\s+", "");
        if (compact.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + text);
        }
        byte[] out = new byte[compact.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(compact.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
