package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.KeyList;
import io.lvmpersist.transport.PrResult;
import io.lvmpersist.transport.Reservation;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Semantics over many inputs. Expected bytes are built with {@link ByteBuffer} (big-endian by default),
 * independently of the production {@code Bytes} helper.
 */
class CodecPropertiesTest {

    /** What a device returns for READ KEYS with this allocation length: the list cut to fit. */
    static byte[] deviceReadKeys(int generation, List<Long> keys, int allocation) {
        ByteBuffer full = ByteBuffer.allocate(8 + 8 * keys.size());
        full.putInt(generation).putInt(8 * keys.size());
        keys.forEach(full::putLong);
        return Arrays.copyOf(full.array(), Math.min(allocation, full.capacity()));
    }

    @Property
    void readKeysReturnsThePrefixThatFitsAndFlagsTruncation(@ForAll int generation,
                                                             @ForAll @Size(max = 300) List<Long> keys,
                                                             @ForAll @IntRange(min = 8, max = 4096) int allocation)
            throws Exception {
        byte[] data = deviceReadKeys(generation, keys, allocation);
        ReadKeysData d = ReadKeysData.decode(data, data.length);
        int fits = Math.min(keys.size(), (allocation - 8) / 8);
        assertEquals(keys.subList(0, fits).stream().map(ReservationKey::of).toList(), d.keys());
        assertEquals(Integer.toUnsignedLong(generation), d.generation());
        assertEquals(allocation < 8 + 8 * keys.size(), d.truncated());
        assertEquals(8 + 8L * keys.size(), d.requiredAllocationLength());
    }

    @Property(tries = 200)
    void deviceReadsEveryKeyWithAtMostTwoCommands(@ForAll @Size(max = 1500) List<Long> keys) {
        List<Integer> allocations = new ArrayList<>();
        ScsiExecutor device = request -> {
            byte[] cdb = request.cdb();
            int allocation = ((cdb[7] & 0xff) << 8) | (cdb[8] & 0xff);
            allocations.add(allocation);
            byte[] returned = deviceReadKeys(7, keys, allocation);
            return ScsiResponse.completed(0, 0, 0, new byte[0], allocation - returned.length,
                    Arrays.copyOf(returned, allocation));
        };
        var pr = new SgIoPrDevice("/dev/sdz", DeviceClass.SCSI, device, Duration.ofSeconds(5), retry -> { });
        assertEquals(PrResult.ok(new KeyList(7, keys.stream().map(ReservationKey::of).toList())), pr.readKeys());
        assertTrue(allocations.size() <= 2, allocations::toString);
        if (allocations.size() == 2) {
            assertEquals(8 + 8 * keys.size(), allocations.get(1));
        }
    }

    @Property
    void parameterListLayout(@ForAll long rk, @ForAll long sark, @ForAll boolean aptpl, @ForAll boolean allTgPt) {
        byte[] expected = ByteBuffer.allocate(24).putLong(rk).putLong(sark).putInt(0)
                .put((byte) ((allTgPt ? 4 : 0) | (aptpl ? 1 : 0))).array();
        assertArrayEquals(expected,
                new PrOutParameterList(ReservationKey.of(rk), ReservationKey.of(sark), aptpl, allTgPt).encode());
    }

    @Property
    void prInCdbLayout(@ForAll PrInServiceAction action, @ForAll @IntRange(max = 65535) int allocation) {
        byte[] expected = ByteBuffer.allocate(10).put((byte) 0x5e).put((byte) action.code()).position(7)
                .putShort((short) allocation).array();
        assertArrayEquals(expected, PrInCdb.encode(action, allocation));
    }

    @Property
    void readReservationRoundTrip(@ForAll int generation, @ForAll long key, @ForAll ReservationType type)
            throws Exception {
        byte[] data = ByteBuffer.allocate(24).putInt(generation).putInt(16).putLong(key).putInt(0).put((byte) 0)
                .put((byte) type.scsiCode()).array();
        Reservation r = ReadReservationData.decode(data, data.length);
        assertEquals(Optional.of(type), r.type());
        assertEquals(type.isAllRegistrants() ? ReservationKey.NONE : ReservationKey.of(key), r.holder());
        assertEquals(Integer.toUnsignedLong(generation), r.generation());
    }

    @Property
    void senseDecodingIsTotal(@ForAll @Size(max = 40) byte[] buffer,
                              @ForAll @IntRange(min = -1, max = 255) int written) {
        Optional<Sense> sense = Sense.decode(buffer, written);
        int code = buffer.length > 0 && written > 0 ? buffer[0] & 0x7f : -1;
        assertEquals(code >= 0x70 && code <= 0x73, sense.isPresent());
        sense.ifPresent(s -> assertTrue(s.senseKey() >= 0 && s.senseKey() <= 15 && s.asc() <= 255 && s.ascq() <= 255));
    }
}
