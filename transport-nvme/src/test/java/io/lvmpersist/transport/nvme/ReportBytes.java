package io.lvmpersist.transport.nvme;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: builds Reservation Report buffers field by field at the offsets of the spec tables
 * (independently of the decoder), for device tests and properties with many registrants.
 */
final class ReportBytes {
    record Entry(int cntlid, boolean holder, long key, byte[] hostId) {
    }

    private final boolean extended;
    private long generation;
    private int rtype;
    private boolean ptpls;
    private Integer regctl;
    private final List<Entry> entries = new ArrayList<>();

    private ReportBytes(boolean extended) {
        this.extended = extended;
    }

    static ReportBytes extended() {
        return new ReportBytes(true);
    }

    static ReportBytes regular() {
        return new ReportBytes(false);
    }

    ReportBytes generation(long g) {
        generation = g;
        return this;
    }

    ReportBytes rtype(int t) {
        rtype = t;
        return this;
    }

    ReportBytes ptpls(boolean p) {
        ptpls = p;
        return this;
    }

    /** Overrides REGCTL (default: the number of entries). */
    ReportBytes regctl(int count) {
        regctl = count;
        return this;
    }

    ReportBytes entry(int cntlid, boolean holder, long key) {
        byte[] host = new byte[extended ? 16 : 8];
        for (int i = 0; i < host.length; i++) {
            host[i] = (byte) (cntlid + i);
        }
        entries.add(new Entry(cntlid, holder, key, host));
        return this;
    }

    byte[] build() {
        int header = extended ? 64 : 24;
        int size = extended ? 64 : 24;
        ByteBuffer b = ByteBuffer.allocate(header + size * entries.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, (int) generation);
        b.put(4, (byte) rtype);
        b.putShort(5, (short) (regctl == null ? entries.size() : regctl));
        b.put(9, (byte) (ptpls ? 1 : 0));
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int at = header + i * size;
            b.putShort(at, (short) e.cntlid());
            b.put(at + 2, (byte) (e.holder() ? 1 : 0));
            if (extended) {
                b.putLong(at + 8, e.key());
                b.put(at + 16, e.hostId());
            } else {
                b.put(at + 8, e.hostId());
                b.putLong(at + 16, e.key());
            }
        }
        return b.array();
    }
}
