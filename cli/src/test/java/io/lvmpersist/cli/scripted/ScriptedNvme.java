package io.lvmpersist.cli.scripted;

import io.lvmpersist.transport.nvme.NvmeCommand;
import io.lvmpersist.transport.nvme.NvmeExecutor;
import io.lvmpersist.transport.nvme.NvmeResponse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The passthrough layer of one NVMe namespace, scripted per command name ("Reservation Report",
 * "Reservation Register"...): each send takes the next answer, and the last answer repeats forever.
 * Counts the sends of each command. A command without a script fails the test.
 */
public final class ScriptedNvme implements NvmeExecutor {
    private final Map<String, Deque<NvmeResponse>> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> sends = new ConcurrentHashMap<>();

    public ScriptedNvme answer(String command, NvmeResponse... inOrder) {
        answers.put(command, new ArrayDeque<>(List.of(inOrder)));
        return this;
    }

    /** How many times {@code command} was sent. */
    public int sends(String command) {
        return sends.getOrDefault(command, 0);
    }

    @Override
    public synchronized NvmeResponse execute(NvmeCommand command, boolean admin) {
        sends.merge(command.name(), 1, Integer::sum);
        Deque<NvmeResponse> queue = answers.get(command.name());
        if (queue == null) {
            throw new AssertionError("unscripted command " + command.name());
        }
        NvmeResponse answer = queue.size() > 1 ? queue.poll() : queue.peek();
        byte[] data = command.readsData() ? Arrays.copyOf(answer.data(), command.dataInLength()) : null;
        return new NvmeResponse(answer.status(), answer.errno(), answer.error(), answer.result(), data);
    }

    /** A completion with {@code status} (SCT/SC with the DNR/MORE bits as the ioctl returns them), no data. */
    public static NvmeResponse status(int status) {
        return NvmeResponse.completed(status, null);
    }

    /** A successful extended (EDS) Reservation Report: generation, no reservation, the given registrants' keys. */
    public static NvmeResponse report(int generation, long... keys) {
        ByteBuffer b = ByteBuffer.allocate(64 + 64 * keys.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, generation).putShort(5, (short) keys.length);
        for (int i = 0; i < keys.length; i++) {
            b.putShort(64 + 64 * i, (short) 0xFFFF).putLong(64 + 64 * i + 8, keys[i]);
        }
        return NvmeResponse.completed(0, b.array());
    }
}
