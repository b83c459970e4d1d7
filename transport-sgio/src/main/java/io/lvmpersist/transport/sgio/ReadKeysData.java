package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.ReservationKey;

import java.util.ArrayList;
import java.util.List;

/**
 * Decoded READ KEYS parameter data: PRGENERATION, ADDITIONAL LENGTH and the keys that fitted.
 *
 * <p>The device always reports the full ADDITIONAL LENGTH, even when the allocation length cut the
 * key list short, so truncation is detected by comparing it with the bytes we received.
 *
 * @param generation       PRGENERATION, unsigned 32-bit
 * @param additionalLength bytes of key list the device holds (8 per key)
 * @param keys             the keys present in the received bytes, device order
 */
public record ReadKeysData(long generation, long additionalLength, List<ReservationKey> keys) {
    public static final int HEADER = 8;

    public ReadKeysData {
        keys = List.copyOf(keys);
    }

    /**
     * @param valid bytes the device actually returned (allocation length minus residual)
     */
    public static ReadKeysData decode(byte[] data, int valid) throws MalformedResponseException {
        int len = Math.min(valid, data.length);
        if (len < HEADER) {
            throw new MalformedResponseException("READ KEYS returned " + len + " bytes, need at least " + HEADER);
        }
        long generation = Bytes.be32(data, 0);
        long additional = Bytes.be32(data, 4);
        if (additional % 8 != 0) {
            throw new MalformedResponseException(
                    "READ KEYS additional length " + additional + " is not a multiple of 8");
        }
        long present = Math.min(additional, len - HEADER) / 8;
        List<ReservationKey> keys = new ArrayList<>();
        for (int i = 0; i < present; i++) {
            keys.add(ReservationKey.of(Bytes.be64(data, HEADER + 8 * i)));
        }
        return new ReadKeysData(generation, additional, keys);
    }

    /** True when the device holds more keys than were returned. */
    public boolean truncated() {
        return keys.size() * 8L < additionalLength;
    }

    /** The allocation length that returns the whole list. */
    public long requiredAllocationLength() {
        return HEADER + additionalLength;
    }

    public KeyList toKeyList() {
        return new KeyList(generation, keys);
    }
}
