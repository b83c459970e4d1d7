package io.lvmpersist.transport.nvme;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One NVMe command as the passthrough ioctl needs it: opcode, namespace id, command dwords 10-15 and
 * either a data buffer sent to the controller ({@code dataOut}) or the length of the buffer the controller
 * fills ({@code dataInLength}). Never both.
 *
 * <p>Pure data: built by {@link NvmeCommands}, sent by an {@link NvmeExecutor}.
 */
public record NvmeCommand(String name, int opcode, int nsid, int cdw10, int cdw11, int cdw12, int cdw13,
                          int cdw14, int cdw15, byte[] dataOut, int dataInLength) {

    public NvmeCommand {
        dataOut = dataOut == null ? new byte[0] : dataOut.clone();
        if (dataOut.length > 0 && dataInLength > 0) {
            throw new IllegalArgumentException("a command either sends or receives data, not both");
        }
        if (dataInLength < 0) {
            throw new IllegalArgumentException("negative data-in length " + dataInLength);
        }
    }

    /** The data sent to the controller (a copy). */
    @Override
    public byte[] dataOut() {
        return dataOut.clone();
    }

    /** True when the controller writes into the data buffer (Report, Identify). */
    public boolean readsData() {
        return dataInLength > 0;
    }

    /** Size of the data buffer in either direction (the passthrough {@code data_len}). */
    public int dataLength() {
        return readsData() ? dataInLength : dataOut.length;
    }

    /** Bits 15:8 of CDW10: the RTYPE of Acquire and Release (0 for other commands). */
    public int rtype() {
        boolean typed = opcode == NvmeCommands.OPC_RESV_ACQUIRE || opcode == NvmeCommands.OPC_RESV_RELEASE;
        return typed ? (cdw10 >>> 8) & 0xFF : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NvmeCommand c && name.equals(c.name) && opcode == c.opcode && nsid == c.nsid
                && cdw10 == c.cdw10 && cdw11 == c.cdw11 && cdw12 == c.cdw12 && cdw13 == c.cdw13
                && cdw14 == c.cdw14 && cdw15 == c.cdw15 && Arrays.equals(dataOut, c.dataOut)
                && dataInLength == c.dataInLength;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {opcode, nsid, cdw10, cdw11, cdw12, cdw13, cdw14, cdw15, dataInLength})
                * 31 + Arrays.hashCode(dataOut);
    }

    /** e.g. {@code Reservation Register opcode=0x0d nsid=1 cdw10=0xc000000a cdw11=0x0 data-out=...}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name)
                .append(String.format(" opcode=0x%02x nsid=%d cdw10=0x%x cdw11=0x%x", opcode, nsid, cdw10, cdw11));
        if (cdw12 != 0 || cdw13 != 0 || cdw14 != 0 || cdw15 != 0) {
            s.append(String.format(" cdw12=0x%x cdw13=0x%x cdw14=0x%x cdw15=0x%x", cdw12, cdw13, cdw14, cdw15));
        }
        if (dataOut.length > 0) {
            s.append(" data-out=").append(HexFormat.of().formatHex(dataOut));
        }
        if (dataInLength > 0) {
            s.append(" data-in=").append(dataInLength).append(" bytes");
        }
        return s.toString();
    }
}
