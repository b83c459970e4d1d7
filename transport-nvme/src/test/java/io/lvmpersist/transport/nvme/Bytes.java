package io.lvmpersist.transport.nvme;

import java.util.HexFormat;

/** Test helper: hand-written hex (spaces and underscores allowed) to bytes. */
final class Bytes {
    private Bytes() {
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", "").replace("_", "").replace("\n", ""));
    }

    static String zeros(int bytes) {
        return "00".repeat(bytes);
    }
}
