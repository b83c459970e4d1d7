package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.Capabilities;
import io.lvmpersist.transport.ReservationType;

import java.util.EnumSet;
import java.util.Set;

/**
 * Decoded REPORT CAPABILITIES parameter data (SPC-4, 8 bytes).
 *
 * @param replaceLostReservationCapable RLR_C
 * @param compatibleReservationHandling CRH
 * @param specifyInitiatorPortsCapable  SIP_C
 * @param allTargetPortsCapable         ATP_C
 * @param ptplCapable                   PTPL_C: APTPL may be set
 * @param typeMaskValid                 TMV: {@code types} comes from the device
 * @param allowCommands                 ALLOW COMMANDS (3 bits)
 * @param ptplActivated                 PTPL_A: persist through power loss is active now
 * @param types                         the type mask (empty when TMV=0)
 */
public record ReportCapabilitiesData(boolean replaceLostReservationCapable, boolean compatibleReservationHandling,
                                     boolean specifyInitiatorPortsCapable, boolean allTargetPortsCapable,
                                     boolean ptplCapable, boolean typeMaskValid, int allowCommands,
                                     boolean ptplActivated, Set<ReservationType> types) {
    public static final int LENGTH = 8;

    public ReportCapabilitiesData {
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
    }

    public static ReportCapabilitiesData decode(byte[] data, int valid) throws MalformedResponseException {
        int len = Math.min(valid, data.length);
        if (len < LENGTH) {
            throw new MalformedResponseException("REPORT CAPABILITIES returned " + len + " bytes, need " + LENGTH);
        }
        int length = Bytes.be16(data, 0);
        if (length < LENGTH) {
            throw new MalformedResponseException("REPORT CAPABILITIES length field is " + length + ", expected 8");
        }
        int b2 = Bytes.u8(data, 2);
        int b3 = Bytes.u8(data, 3);
        boolean tmv = (b3 & 0x80) != 0;
        Set<ReservationType> types = EnumSet.noneOf(ReservationType.class);
        if (tmv) {
            int m4 = Bytes.u8(data, 4);
            int m5 = Bytes.u8(data, 5);
            addIf(types, m4, 0x80, ReservationType.WEAR);
            addIf(types, m4, 0x40, ReservationType.EARO);
            addIf(types, m4, 0x20, ReservationType.WERO);
            addIf(types, m4, 0x08, ReservationType.EA);
            addIf(types, m4, 0x02, ReservationType.WE);
            addIf(types, m5, 0x01, ReservationType.EAAR);
        }
        return new ReportCapabilitiesData((b2 & 0x80) != 0, (b2 & 0x10) != 0, (b2 & 0x08) != 0, (b2 & 0x04) != 0,
                (b2 & 0x01) != 0, tmv, (b3 >>> 4) & 0x07, (b3 & 0x01) != 0, types);
    }

    private static void addIf(Set<ReservationType> types, int mask, int bit, ReservationType type) {
        if ((mask & bit) != 0) {
            types.add(type);
        }
    }

    /** The API view: without a valid type mask we cannot know, so all six are assumed and flagged as a guess. */
    public Capabilities toCapabilities() {
        return typeMaskValid
                ? new Capabilities(types, true, ptplCapable)
                : new Capabilities(EnumSet.allOf(ReservationType.class), false, ptplCapable);
    }
}
