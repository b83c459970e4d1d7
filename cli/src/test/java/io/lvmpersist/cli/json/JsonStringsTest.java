package io.lvmpersist.cli.json;

import io.lvmpersist.cli.output.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Strings in the JSON document: any text round-trips, and no control character is ever written raw. */
class JsonStringsTest {
    @Provide
    Arbitrary<String> messy() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00a0').withChars('"', '\\', '\u2028', '\u00e9')
                .ofMaxLength(30);
    }

    @Property
    void roundTripsWithoutRawControlCharacters(@ForAll("messy") String text) {
        String document = new Json().beginArray().value(text).endArray().toString();
        assertTrue(document.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)), document);
        assertEquals(List.of(text), MiniJson.parse(document));
    }

    @Test
    void delAndC1AreEscapedLikeC0() {
        assertEquals("[\"vg\\u001b\\u007f\\u009b0\"]", new Json().beginArray().value("vg\u001b\u007f\u009b0").endArray().toString());
    }
}
