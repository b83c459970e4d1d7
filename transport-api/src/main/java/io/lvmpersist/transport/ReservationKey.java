package io.lvmpersist.transport;

import java.math.BigInteger;
import java.util.Locale;

/**
 * A persistent-reservation key: an unsigned 64-bit number, held exactly in a {@code long}.
 *
 * <p>Keys are printed as lvmpersist prints them ({@code 0x} + lower-case hex without leading
 * zeros), which is also how sg_persist prints them, so text written by either tool compares equal.
 * Parsing is strict: no floating point, no clamping, no octal.
 */
public record ReservationKey(long value) implements Comparable<ReservationKey> {

    /** Key 0: "no key" (unregistered) in SCSI and NVMe, and the holder reported for all-registrants types. */
    public static final ReservationKey NONE = new ReservationKey(0);

    private static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    public static ReservationKey of(long value) {
        return new ReservationKey(value);
    }

    /**
     * Parses a key given on the command line: {@code 0x} + 1..16 hex digits, or decimal digits up to 2^64-1.
     *
     * @throws InvalidKeyException with a one-line message naming the key and the fix
     */
    public static ReservationKey parse(String text) throws InvalidKeyException {
        if (text == null || text.isEmpty()) {
            throw new InvalidKeyException(text, "Empty key (use 0x prefix for hex key)");
        }
        // Checks in lvmpersist's order: digits, then range, then leading zeros.
        if (text.startsWith("0x")) {
            String hex = text.substring(2);
            if (hex.isEmpty() || !allMatch(hex, true)) {
                throw new InvalidKeyException(text, "Invalid hex digits in key: " + text);
            }
            if (hex.length() > 16) {
                throw new InvalidKeyException(text, "Key is out of range: " + text);
            }
            if (hex.charAt(0) == '0') {
                // lvmpersist rule: keys are compared as printed, and printing drops leading zeros.
                throw new InvalidKeyException(text, "Leading 0s are not permitted in keys.");
            }
            return new ReservationKey(Long.parseUnsignedLong(hex, 16));
        }
        if (!allMatch(text, false)) {
            throw new InvalidKeyException(text,
                    "Invalid decimal digits in key: " + text + " (use 0x prefix for hex key)");
        }
        BigInteger decimal = new BigInteger(text);
        if (decimal.compareTo(MAX_UNSIGNED) > 0) {
            throw new InvalidKeyException(text, "Key is out of range: " + text);
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            // lvmpersist's bash printf reads 0123 as octal; we refuse rather than guess.
            throw new InvalidKeyException(text, "Decimal key " + text
                    + " has a leading 0 (lvmpersist would read it as octal): drop the 0 or use 0x prefix for hex key");
        }
        return new ReservationKey(decimal.longValue());
    }

    // A loop, not chars().allMatch(...): a stream and a lambda cost a cold JVM much more, and the simulator parses
    // a key per registration line of every LU file it reads.
    private static boolean allMatch(String text, boolean hex) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(hex ? isHexDigit(c) : c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    public boolean isNone() {
        return value == 0;
    }

    /** The unsigned decimal form, e.g. for JSON consumers that want a number-like string. */
    public String toUnsignedDecimal() {
        return Long.toUnsignedString(value);
    }

    /** {@code 0x} + lower-case hex, no leading zeros; key 0 is {@code 0x0}. */
    // equals and hashCode are written out: the generated ones are linked through an invokedynamic
    // bootstrap at first use, which costs a cold CLI process about 20 ms (docs/performance.md).
    @Override
    public boolean equals(Object other) {
        return other instanceof ReservationKey key && key.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(value).toLowerCase(Locale.ROOT);
    }

    @Override
    public int compareTo(ReservationKey other) {
        return Long.compareUnsigned(value, other.value);
    }
}
