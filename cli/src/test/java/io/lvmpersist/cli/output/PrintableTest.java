package io.lvmpersist.cli.output;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrintableTest {

    /** Strings rich in controls (C0, DEL, C1), backslashes and ordinary text. */
    @Provide
    Arbitrary<String> messy() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.chars().range('\u0000', '\u00a0')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().with('\\', 'x', '/', '\u2028', '\u00e9')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars()));
        return chars.list().ofMaxSize(40).map(l -> {
            StringBuilder b = new StringBuilder();
            l.forEach(b::append);
            return b.toString();
        });
    }

    @Property
    void noControlCharacterIsLeft(@ForAll("messy") String text) {
        assertTrue(Printable.escapeControls(text).chars().noneMatch(Printable::isControl), text);
    }

    @Property
    void textWithoutControlsIsUnchanged(@ForAll("messy") String text) {
        StringBuilder clean = new StringBuilder();
        text.chars().filter(c -> !Printable.isControl(c)).forEach(c -> clean.append((char) c));
        assertEquals(clean.toString(), Printable.escapeControls(clean.toString()));
    }

    /** Character by character: the escape of a concatenation is the concatenation of the escapes. */
    @Property
    void escapesEachCharacterOnItsOwn(@ForAll("messy") String a, @ForAll("messy") String b) {
        assertEquals(Printable.escapeControls(a) + Printable.escapeControls(b), Printable.escapeControls(a + b));
    }

    /** Every control has its own escape, so the reader can tell which character it was. */
    @Property
    void differentControlsLookDifferent(@ForAll("controls") char a, @ForAll("controls") char b) {
        if (a != b) {
            assertTrue(!Printable.escapeControls(String.valueOf(a)).equals(Printable.escapeControls(String.valueOf(b))));
        }
    }

    @Provide
    Arbitrary<Character> controls() {
        return Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u001f'),
                Arbitraries.chars().range('\u007f', '\u009f'));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "0|\\x00",
            "9|\\t",
            "10|\\n",
            "13|\\r",
            "27|\\x1b",
            "31|\\x1f",
            "127|\\x7f",
            "128|\\x80",
            "155|\\x9b",
            "159|\\x9f",
    })
    void escapesAreVisible(int code, String shown) {
        assertEquals("vg" + shown + "0", Printable.escapeControls("vg" + (char) code + "0"));
    }

    @ParameterizedTest
    @CsvSource({"/dev/sdb", "/dev/mapper/mpath\\x20a", "vg\u00e9", "' '", "~", "\u00a0"})
    void printableTextIsKept(String text) {
        assertEquals(text, Printable.escapeControls(text));
    }
}
