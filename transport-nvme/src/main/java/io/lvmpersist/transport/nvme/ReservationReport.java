package io.lvmpersist.transport.nvme;

import io.lvmpersist.transport.ReservationKey;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A decoded Reservation Report (NVM command set), in the regular or the extended (EDS) format.
 *
 * <p>Both formats share the header fields: GEN le32 @0, RTYPE @4, REGCTL le16 @5, PTPLS @9. The regular
 * format has a 24-byte header and 24-byte registrant entries (CNTLID @0, RCSTS @2, 8-byte HOSTID @8,
 * RKEY @16); the extended one a 64-byte header and 64-byte entries (CNTLID @0, RCSTS @2, RKEY @8,
 * 16-byte HOSTID @16) — RKEY and HOSTID swap places.
 *
 * @param generation      GEN, unsigned 32-bit
 * @param rtype           RTYPE as reported (0 = no reservation)
 * @param registrantCount REGCTL: how many registrants the namespace has, which can exceed {@code entries}
 *                        when the buffer was too small
 * @param ptpls           PTPLS bit 0: persist through power loss is on
 * @param entries         the registrant entries that fit in the buffer
 * @param extended        true for the EDS format
 */
public record ReservationReport(long generation, int rtype, int registrantCount, boolean ptpls,
                                List<Registrant> entries, boolean extended) {

    public static final int HEADER = 24;
    public static final int ENTRY = 24;
    public static final int EXTENDED_HEADER = 64;
    public static final int EXTENDED_ENTRY = 64;

    public ReservationReport {
        entries = List.copyOf(entries);
    }

    /**
     * One registrant.
     *
     * @param controllerId CNTLID (0xFFFF when the controller is not known, e.g. nvmet)
     * @param holder       RCSTS bit 0: this registrant holds the reservation (every registrant under WEAR/EAAR)
     * @param hostId       HOSTID as lower-case hex: 16 digits (regular) or 32 (extended)
     * @param key          RKEY
     */
    public record Registrant(int controllerId, boolean holder, String hostId, ReservationKey key) {
    }

    /** Buffer size that holds {@code registrants} entries in the given format. */
    public static int bytesFor(boolean extended, int registrants) {
        return extended ? EXTENDED_HEADER + registrants * EXTENDED_ENTRY : HEADER + registrants * ENTRY;
    }

    /** False when REGCTL says there are more registrants than the buffer held: re-read with {@link #bytesNeeded()}. */
    public boolean complete() {
        return entries.size() >= registrantCount;
    }

    /** The buffer size that fits every registrant REGCTL announced. */
    public int bytesNeeded() {
        return bytesFor(extended, registrantCount);
    }

    /**
     * Decodes a report buffer.
     *
     * @throws IllegalArgumentException when {@code data} is shorter than the header
     */
    public static ReservationReport decode(byte[] data, boolean extended) {
        int header = extended ? EXTENDED_HEADER : HEADER;
        int entrySize = extended ? EXTENDED_ENTRY : ENTRY;
        if (data.length < header) {
            throw new IllegalArgumentException("reservation report of " + data.length
                    + " bytes is shorter than its " + header + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long generation = Integer.toUnsignedLong(b.getInt(0));
        int rtype = b.get(4) & 0xFF;
        int regctl = b.getShort(5) & 0xFFFF;
        boolean ptpls = (b.get(9) & 0x01) != 0;

        int fit = Math.min(regctl, (data.length - header) / entrySize);
        List<Registrant> entries = new ArrayList<>(fit);
        for (int i = 0; i < fit; i++) {
            int at = header + i * entrySize;
            int cntlid = b.getShort(at) & 0xFFFF;
            boolean holder = (b.get(at + 2) & 0x01) != 0;
            int keyAt = extended ? at + 8 : at + 16;
            int hostIdAt = extended ? at + 16 : at + 8;
            int hostIdLength = extended ? 16 : 8;
            String hostId = HexFormat.of().formatHex(data, hostIdAt, hostIdAt + hostIdLength);
            entries.add(new Registrant(cntlid, holder, hostId, ReservationKey.of(b.getLong(keyAt))));
        }
        return new ReservationReport(generation, rtype, regctl, ptpls, entries, extended);
    }
}
