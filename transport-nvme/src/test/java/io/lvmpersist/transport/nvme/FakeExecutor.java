package io.lvmpersist.transport.nvme;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scripted executor (after libnvme's mock_cmd): each call must match the next expected command exactly
 * (queue, opcode, nsid, every dword, data-out bytes, data-in length) and gets a canned answer. Data-in is
 * cut or zero-padded to the requested length, as a controller filling a too-small buffer would.
 */
final class FakeExecutor implements NvmeExecutor {
    private record Step(NvmeCommand expected, boolean admin, NvmeResponse response) {
    }

    private final Deque<Step> script = new ArrayDeque<>();
    private boolean closed;

    FakeExecutor expect(NvmeCommand command, boolean admin, NvmeResponse response) {
        script.add(new Step(command, admin, response));
        return this;
    }

    FakeExecutor expectIo(NvmeCommand command, int status) {
        return expect(command, false, NvmeResponse.completed(status, null));
    }

    FakeExecutor expectIo(NvmeCommand command, int status, byte[] data) {
        return expect(command, false, NvmeResponse.completed(status, data));
    }

    @Override
    public NvmeResponse execute(NvmeCommand command, boolean admin) {
        assertTrue(!script.isEmpty(), () -> "unexpected command " + command);
        Step step = script.poll();
        NvmeCommand e = step.expected();
        String what = "command " + command;
        assertEquals(step.admin(), admin, what + ": queue");
        assertEquals(e.opcode(), command.opcode(), what + ": opcode");
        assertEquals(e.nsid(), command.nsid(), what + ": nsid");
        assertEquals(hex(e.cdw10()), hex(command.cdw10()), what + ": cdw10");
        assertEquals(hex(e.cdw11()), hex(command.cdw11()), what + ": cdw11");
        assertEquals(0, command.cdw12() | command.cdw13() | command.cdw14() | command.cdw15(), what + ": cdw12-15");
        assertArrayEquals(e.dataOut(), command.dataOut(),
                () -> what + ": data-out " + HexFormat.of().formatHex(command.dataOut()));
        assertEquals(e.dataInLength(), command.dataInLength(), what + ": data-in length");
        NvmeResponse r = step.response();
        if (command.readsData() && !r.isOsError()) {
            return new NvmeResponse(r.status(), 0, "", r.result(), Arrays.copyOf(r.data(), command.dataInLength()));
        }
        return r;
    }

    void assertDone() {
        assertTrue(script.isEmpty(), () -> script.size() + " expected command(s) not sent, next: "
                + script.peek().expected());
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    private static String hex(int v) {
        return "0x" + Integer.toHexString(v);
    }
}
