package io.lvmpersist.transport;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReservationKeyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0x1, 0x1, 1",
            "0xabc, 0xabc, 2748",
            "0xABC, 0xabc, 2748",
            "0xAbC, 0xabc, 2748",
            "0x8000000000000000, 0x8000000000000000, 9223372036854775808",
            "0xffffffffffffffff, 0xffffffffffffffff, 18446744073709551615",
            "0x1000000000000001, 0x1000000000000001, 1152921504606846977",
            "0, 0x0, 0",
            "1, 0x1, 1",
            "4097, 0x1001, 4097",
            "9223372036854775808, 0x8000000000000000, 9223372036854775808",
            "18446744073709551615, 0xffffffffffffffff, 18446744073709551615",
    })
    void parsesAndPrintsExactly(String input, String printed, String unsignedDecimal) throws Exception {
        ReservationKey key = ReservationKey.parse(input);
        assertEquals(printed, key.toString());
        assertEquals(unsignedDecimal, key.toUnsignedDecimal());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "0x0|Leading 0s are not permitted in keys.",
            "0x00|Leading 0s are not permitted in keys.",
            "0x0123|Leading 0s are not permitted in keys.",
            "0x|Invalid hex digits in key: 0x",
            "0xg1|Invalid hex digits in key: 0xg1",
            "0x12345678901234567|Key is out of range: 0x12345678901234567",
            "0x00000000000000001|Key is out of range: 0x00000000000000001",
            "0xFFFFFFFFFFFFFFFFF|Key is out of range: 0xFFFFFFFFFFFFFFFFF",
            "0X1A|Invalid decimal digits in key: 0X1A (use 0x prefix for hex key)",
            "abc|Invalid decimal digits in key: abc (use 0x prefix for hex key)",
            "-1|Invalid decimal digits in key: -1 (use 0x prefix for hex key)",
            "' 1'|Invalid decimal digits in key:  1 (use 0x prefix for hex key)",
            "1.5|Invalid decimal digits in key: 1.5 (use 0x prefix for hex key)",
            "1e3|Invalid decimal digits in key: 1e3 (use 0x prefix for hex key)",
            "0123|Decimal key 0123 has a leading 0 (lvmpersist would read it as octal): drop the 0 or use 0x prefix for hex key",
            "18446744073709551616|Key is out of range: 18446744073709551616",
            "018446744073709551616|Key is out of range: 018446744073709551616",
            "99999999999999999999999|Key is out of range: 99999999999999999999999",
    })
    void rejectsWithOneLineReason(String input, String message) {
        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> ReservationKey.parse(input));
        assertEquals(message, e.getMessage());
        assertEquals(input, e.input());
    }

    @Test
    void rejectsEmpty() {
        assertThrows(InvalidKeyException.class, () -> ReservationKey.parse(""));
        assertThrows(InvalidKeyException.class, () -> ReservationKey.parse(null));
    }

    @Test
    void ordersAsUnsignedNumbers() {
        assertEquals(-1, Integer.signum(ReservationKey.of(1).compareTo(ReservationKey.of(-1L))));
        assertEquals(1, Integer.signum(ReservationKey.of(0x8000000000000000L).compareTo(ReservationKey.of(2))));
    }

    @Property
    void printedNonZeroKeysParseBack(@ForAll long value) throws Exception {
        ReservationKey key = ReservationKey.of(value);
        if (value != 0) {
            assertEquals(key, ReservationKey.parse(key.toString()));
        }
        assertEquals(key, ReservationKey.parse(key.toUnsignedDecimal()));
    }

    @Property
    void keysAreEqualExactlyWhenTheirValuesAre(@ForAll long a, @ForAll long b) {
        ReservationKey x = ReservationKey.of(a);
        ReservationKey y = ReservationKey.of(b);
        assertEquals(a == b, x.equals(y));
        assertEquals(x.equals(y), y.equals(x));
        assertEquals(x, ReservationKey.of(a));
        assertEquals(x.hashCode(), ReservationKey.of(a).hashCode());
        assertEquals(false, x.equals(a));
    }
}
