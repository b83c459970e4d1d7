package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.linux.ErrnoException;
import io.lvmpersist.transport.linux.LinuxNative;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The cost of the FFM round trip into the kernel and of the SCSI PR encoders/decoders. {@code /dev/null} answers
 * every ioctl with ENOTTY, so the ioctl benchmarks measure the downcall, errno capture and the error path
 * (an {@link ErrnoException}) without a device. Run with docs/bench/jmh.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SgIoBenchmarks {
    private static final ReservationKey KEY = ReservationKey.of(0x100000000000a001L);

    private Arena arena;
    private MemorySegment header;
    private int devNull;
    private SgIoExecutor executor;
    private ScsiRequest readKeys;
    private byte[] readKeysData;

    @Setup(Level.Trial)
    public void open() throws ErrnoException {
        arena = Arena.ofConfined();
        header = arena.allocate(SgIoHeader.SIZE);
        devNull = LinuxNative.open("/dev/null", LinuxNative.O_RDONLY | LinuxNative.O_CLOEXEC);
        executor = SgIoExecutor.open("/dev/null");
        readKeys = ScsiRequest.dataIn("PR IN READ KEYS", PrInCdb.encode(PrInServiceAction.READ_KEYS, 8 + 8 * 8),
                8 + 8 * 8, Duration.ofSeconds(60));
        // READ KEYS parameter data: generation 7, additional length 64, eight keys 1..8 (SPC-4 table 189).
        readKeysData = new byte[8 + 8 * 8];
        readKeysData[3] = 7;
        readKeysData[7] = 64;
        for (int k = 0; k < 8; k++) {
            readKeysData[8 + 8 * k + 7] = (byte) (k + 1);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        executor.close();
        LinuxNative.close(devNull);
        arena.close();
    }

    /** One ioctl(SG_IO) downcall that fails with ENOTTY: the FFM call, errno capture and the exception. */
    @Benchmark
    public int ioctlEnotty() {
        try {
            return LinuxNative.ioctl(devNull, SgIoHeader.SG_IO, header, "/dev/null");
        } catch (ErrnoException e) {
            return e.errno();
        }
    }

    /** The SG_IO executor's whole path for READ KEYS: buffers, sg_io_hdr, ioctl (ENOTTY), response. */
    @Benchmark
    public ScsiResponse sgIoExecuteOnDevNull() {
        return executor.execute(readKeys);
    }

    @Benchmark
    public byte[] encodePrInCdb() {
        return PrInCdb.encode(PrInServiceAction.READ_KEYS, 8192);
    }

    @Benchmark
    public byte[] encodePrOutCdb() {
        return PrOutCdb.encode(PrOutServiceAction.PREEMPT, Optional.of(ReservationType.WE), PrOutParameterList.LENGTH);
    }

    @Benchmark
    public byte[] encodePrOutParameterList() {
        return new PrOutParameterList(KEY, KEY, false, false).encode();
    }

    @Benchmark
    public ReadKeysData decodeReadKeys() throws MalformedResponseException {
        return ReadKeysData.decode(readKeysData, readKeysData.length);
    }
}
