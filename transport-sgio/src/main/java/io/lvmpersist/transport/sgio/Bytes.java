package io.lvmpersist.transport.sgio;

import java.util.HexFormat;

/** Big-endian field access on byte arrays: SCSI puts every multi-byte field in network order. */
final class Bytes {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private Bytes() {
    }

    static void putBe16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void putBe32(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (24 - 8 * i));
        }
    }

    static void putBe64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    static int be16(byte[] b, int off) {
        return (u8(b, off) << 8) | u8(b, off + 1);
    }

    /** Unsigned 32-bit value in a long (PRGENERATION and lengths are unsigned). */
    static long be32(byte[] b, int off) {
        return ((long) u8(b, off) << 24) | ((long) u8(b, off + 1) << 16)
                | ((long) u8(b, off + 2) << 8) | u8(b, off + 3);
    }

    static long be64(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | u8(b, off + i);
        }
        return v;
    }

    /** "5e 00 00 ..." for log lines. */
    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }
}
