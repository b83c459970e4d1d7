package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decoded READ FULL STATUS parameter data: one descriptor per registered I_T nexus.
 *
 * @param generation       PRGENERATION
 * @param additionalLength bytes of descriptors the device holds
 * @param descriptors      the complete descriptors present in the received bytes
 * @param truncated        true when the allocation length cut the list short
 */
public record ReadFullStatusData(long generation, long additionalLength, List<Descriptor> descriptors,
                                 boolean truncated) {
    public static final int HEADER = 8;
    public static final int DESCRIPTOR_HEADER = 24;

    public ReadFullStatusData {
        descriptors = List.copyOf(descriptors);
    }

    /**
     * One full status descriptor.
     *
     * @param key                      the registrant's reservation key
     * @param allTargetPorts           ALL_TG_PT
     * @param reservationHolder        R_HOLDER
     * @param scope                    SCOPE (meaningful when {@code reservationHolder})
     * @param typeCode                 the SCSI TYPE code (meaningful when {@code reservationHolder})
     * @param relativeTargetPortId     RELATIVE TARGET PORT IDENTIFIER
     * @param transportId              the initiator's TransportID bytes
     */
    public record Descriptor(ReservationKey key, boolean allTargetPorts, boolean reservationHolder, int scope,
                             int typeCode, int relativeTargetPortId, byte[] transportId) {
        public Descriptor {
            transportId = transportId.clone();
        }

        @Override
        public byte[] transportId() {
            return transportId.clone();
        }

        public Optional<ReservationType> type() {
            return reservationHolder ? ReservationType.fromScsiCode(typeCode) : Optional.empty();
        }
    }

    public static ReadFullStatusData decode(byte[] data, int valid) throws MalformedResponseException {
        int len = Math.min(valid, data.length);
        if (len < HEADER) {
            throw new MalformedResponseException(
                    "READ FULL STATUS returned " + len + " bytes, need at least " + HEADER);
        }
        long generation = Bytes.be32(data, 0);
        long additional = Bytes.be32(data, 4);
        long end = Math.min(HEADER + additional, len);
        List<Descriptor> descriptors = new ArrayList<>();
        int off = HEADER;
        boolean cut = HEADER + additional > len;
        while (off + DESCRIPTOR_HEADER <= end) {
            long idLength = Bytes.be32(data, off + 20);
            if (off + DESCRIPTOR_HEADER + idLength > end) {
                cut = true;
                break;
            }
            int b12 = Bytes.u8(data, off + 12);
            int b13 = Bytes.u8(data, off + 13);
            byte[] transportId = new byte[(int) idLength];
            System.arraycopy(data, off + DESCRIPTOR_HEADER, transportId, 0, transportId.length);
            descriptors.add(new Descriptor(ReservationKey.of(Bytes.be64(data, off)), (b12 & 0x02) != 0,
                    (b12 & 0x01) != 0, b13 >>> 4, b13 & 0x0F, Bytes.be16(data, off + 18), transportId));
            off += DESCRIPTOR_HEADER + (int) idLength;
        }
        if (!cut && off != HEADER + additional) {
            throw new MalformedResponseException("READ FULL STATUS: descriptors do not fill additional length "
                    + additional);
        }
        return new ReadFullStatusData(generation, additional, descriptors, cut);
    }

    public long requiredAllocationLength() {
        return HEADER + additionalLength;
    }
}
