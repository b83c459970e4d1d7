package io.lvmpersist.transport.sgio;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static io.lvmpersist.transport.sgio.GoldenBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A fake {@link ScsiExecutor}: each expected command (exact CDB bytes, exact parameter bytes or
 * data-in length) is answered with a canned response, in order.
 */
final class ScriptedExecutor implements ScsiExecutor {
    private record Step(byte[] cdb, byte[] dataOut, int dataInLength, ScsiResponse response) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<ScsiRequest> seen = new ArrayList<>();
    private boolean closed;

    /** Expect a data-in command and answer GOOD with {@code data} placed in a buffer of the requested size. */
    ScriptedExecutor expectIn(String cdbHex, int allocation, String dataHex) {
        byte[] data = hex(dataHex);
        byte[] buffer = new byte[allocation];
        int n = Math.min(allocation, data.length);
        System.arraycopy(data, 0, buffer, 0, n);
        steps.add(new Step(hex(cdbHex), new byte[0], allocation,
                ScsiResponse.completed(0, 0, 0, new byte[0], allocation - n, buffer)));
        return this;
    }

    ScriptedExecutor expectIn(String cdbHex, int allocation, ScsiResponse response) {
        steps.add(new Step(hex(cdbHex), new byte[0], allocation, response));
        return this;
    }

    ScriptedExecutor expectOut(String cdbHex, String parametersHex, ScsiResponse response) {
        steps.add(new Step(hex(cdbHex), hex(parametersHex), 0, response));
        return this;
    }

    ScriptedExecutor expectOut(String cdbHex, String parametersHex) {
        return expectOut(cdbHex, parametersHex, good());
    }

    static ScsiResponse good() {
        return ScsiResponse.completed(0, 0, 0, new byte[0], 0, new byte[0]);
    }

    static ScsiResponse checkCondition(int key, int asc, int ascq) {
        return ScsiOutcomeTest.check(key, asc, ascq);
    }

    @Override
    public ScsiResponse execute(ScsiRequest request) {
        seen.add(request);
        Step step = steps.poll();
        if (step == null) {
            fail("unexpected command " + request.name() + " cdb=" + Bytes.hex(request.cdb()));
        }
        assertArrayEquals(step.cdb(), request.cdb(),
                () -> "CDB of " + request.name() + ": " + Bytes.hex(request.cdb()));
        assertArrayEquals(step.dataOut(), request.dataOut(),
                () -> "parameters of " + request.name() + ": " + Bytes.hex(request.dataOut()));
        assertEquals(step.dataInLength(), request.dataInLength(), "data-in length of " + request.name());
        return step.response();
    }

    void assertAllSent() {
        assertTrue(steps.isEmpty(), () -> steps.size() + " scripted command(s) were not sent");
    }

    List<ScsiRequest> seen() {
        return seen;
    }

    List<Duration> timeouts() {
        return seen.stream().map(ScsiRequest::timeout).toList();
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
