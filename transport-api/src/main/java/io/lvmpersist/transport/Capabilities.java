package io.lvmpersist.transport;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a device says it supports (SCSI REPORT CAPABILITIES, NVMe Identify RESCAP/ONCS).
 *
 * @param types         the reservation types the device accepts
 * @param typesReported false when the device gave no type mask (SCSI TMV=0): {@code types} is then a guess of all six
 * @param ptplCapable   persist-through-power-loss can be requested (SCSI PTPL_C, NVMe RESCAP bit 0)
 */
public record Capabilities(Set<ReservationType> types, boolean typesReported, boolean ptplCapable) {
    public Capabilities {
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
    }

    public boolean supports(ReservationType type) {
        return types.contains(type);
    }
}
