package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.ReservationType;

import java.util.EnumSet;
import java.util.Set;

/**
 * The Identify Namespace (CNS 00h) reservation capabilities: RESCAP, byte 31.
 * Bit 0 PTPL, bits 1-6 the types WE, EA, WERO, EARO, WEAR, EAAR (NVMe RTYPE 1-6, so bit n = RTYPE n),
 * bit 7 IEK_13 (IEKEY is ignored on Acquire/Release, NVMe 1.3 semantics).
 */
public record IdentifyNamespace(int rescap) {
    static final int RESCAP = 31;

    /** @throws IllegalArgumentException when {@code data} is too short to hold RESCAP */
    public static IdentifyNamespace decode(byte[] data) {
        if (data.length <= RESCAP) {
            throw new IllegalArgumentException("identify namespace data of " + data.length + " bytes is too short");
        }
        return new IdentifyNamespace(data[RESCAP] & 0xFF);
    }

    public boolean ptplCapable() {
        return (rescap & 0x01) != 0;
    }

    public boolean ignoreExistingKeyObsolete() {
        return (rescap & 0x80) != 0;
    }

    /** The reservation types announced in bits 1-6. */
    public Set<ReservationType> types() {
        Set<ReservationType> types = EnumSet.noneOf(ReservationType.class);
        for (ReservationType t : ReservationType.values()) {
            if ((rescap & (1 << t.nvmeCode())) != 0) {
                types.add(t);
            }
        }
        return types;
    }
}
