package io.lvmpersist.transport.nvme;

/**
 * The two Identify Controller (CNS 01h) facts we use.
 *
 * @param reservations ONCS (bytes 520-521, little-endian) bit 5: the controller supports reservations
 * @param hostId128    CTRATT (bytes 96-99) bit 0: 128-bit host identifiers, so reports should use EDS
 */
public record IdentifyController(boolean reservations, boolean hostId128) {
    static final int ONCS = 520;
    static final int CTRATT = 96;

    /** @throws IllegalArgumentException when {@code data} is too short to hold ONCS */
    public static IdentifyController decode(byte[] data) {
        if (data.length < ONCS + 2) {
            throw new IllegalArgumentException("identify controller data of " + data.length + " bytes is too short");
        }
        int oncs = (data[ONCS] & 0xFF) | (data[ONCS + 1] & 0xFF) << 8;
        return new IdentifyController((oncs & 0x20) != 0, (data[CTRATT] & 0x01) != 0);
    }
}
