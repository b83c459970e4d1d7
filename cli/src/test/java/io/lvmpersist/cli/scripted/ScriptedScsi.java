package io.lvmpersist.cli.scripted;

import io.lvmpersist.transport.sgio.ScsiExecutor;
import io.lvmpersist.transport.sgio.ScsiRequest;
import io.lvmpersist.transport.sgio.ScsiResponse;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SG_IO layer of one SCSI device, scripted per command name ("PR IN READ KEYS", "PR OUT REGISTER"...):
 * each send takes the next answer, and the last answer repeats forever. Counts the sends of each command.
 * A command without a script fails the test.
 */
public final class ScriptedScsi implements ScsiExecutor {
    private static final int CHECK_CONDITION = 0x02;
    private static final int DRIVER_SENSE = 0x08;

    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> sends = new ConcurrentHashMap<>();

    /** What the device answers to one send of a command. */
    @FunctionalInterface
    public interface Answer {
        ScsiResponse to(ScsiRequest request);
    }

    public ScriptedScsi answer(String command, Answer... inOrder) {
        answers.put(command, new ArrayDeque<>(List.of(inOrder)));
        return this;
    }

    /** How many times {@code command} was sent. */
    public int sends(String command) {
        return sends.getOrDefault(command, 0);
    }

    @Override
    public synchronized ScsiResponse execute(ScsiRequest request) {
        sends.merge(request.name(), 1, Integer::sum);
        Deque<Answer> queue = answers.get(request.name());
        if (queue == null) {
            throw new AssertionError("unscripted command " + request.name());
        }
        return (queue.size() > 1 ? queue.poll() : queue.peek()).to(request);
    }

    /** GOOD, no data. */
    public static Answer good() {
        return request -> ScsiResponse.completed(0, 0, 0, new byte[0], request.dataInLength(),
                new byte[request.dataInLength()]);
    }

    /** CHECK CONDITION with fixed-format sense KEY/ASC/ASCQ. */
    public static Answer checkCondition(int key, int asc, int ascq) {
        byte[] sense = new byte[18];
        sense[0] = 0x70;
        sense[2] = (byte) key;
        sense[7] = 10;
        sense[12] = (byte) asc;
        sense[13] = (byte) ascq;
        return request -> ScsiResponse.completed(CHECK_CONDITION, 0, DRIVER_SENSE, sense, request.dataInLength(),
                new byte[request.dataInLength()]);
    }

    /** GOOD with READ KEYS parameter data: generation, then the keys. */
    public static Answer readKeys(int generation, long... keys) {
        ByteBuffer data = ByteBuffer.allocate(8 + 8 * keys.length).putInt(generation).putInt(8 * keys.length);
        Arrays.stream(keys).forEach(data::putLong);
        return request -> {
            byte[] buffer = Arrays.copyOf(data.array(), request.dataInLength());
            int valid = Math.min(data.capacity(), request.dataInLength());
            return ScsiResponse.completed(0, 0, 0, new byte[0], request.dataInLength() - valid, buffer);
        };
    }
}
