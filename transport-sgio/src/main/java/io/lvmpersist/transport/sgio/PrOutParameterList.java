package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.ReservationKey;

/**
 * The 24-byte basic PERSISTENT RESERVE OUT parameter list (SPEC_I_PT=0, so no TransportIDs follow).
 *
 * @param reservationKey              RK: the caller's current key (0 when not registered)
 * @param serviceActionReservationKey SARK: the new key (REGISTER*) or the victim (PREEMPT*)
 * @param aptpl                       activate persist through power loss
 * @param allTargetPorts              ALL_TG_PT: register on every target port of the initiator
 */
public record PrOutParameterList(ReservationKey reservationKey, ReservationKey serviceActionReservationKey,
                                 boolean aptpl, boolean allTargetPorts) {
    public static final int LENGTH = 24;

    private static final int ALL_TG_PT = 0x04;
    private static final int APTPL = 0x01;

    public byte[] encode() {
        byte[] list = new byte[LENGTH];
        Bytes.putBe64(list, 0, reservationKey.value());
        Bytes.putBe64(list, 8, serviceActionReservationKey.value());
        // bytes 16..19 (obsolete scope-specific address) stay 0
        list[20] = (byte) ((allTargetPorts ? ALL_TG_PT : 0) | (aptpl ? APTPL : 0));
        // byte 21 reserved, 22..23 obsolete
        return list;
    }
}
