package io.lvmpersist.cli.devices;

import io.lvmpersist.cli.UsageException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** VG names are checked with LVM's rules (lib/misc/lvm-string.c _validate_name). */
class VolumeGroupNameTest {
    private static final String ALLOWED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+_.-";

    /** The reference: _validate_name written out from the C code, character by character. */
    private static boolean lvmAccepts(String name) {
        if (name.isEmpty() || name.startsWith("-") || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (char c : name.toCharArray()) {
            if (ALLOWED.indexOf(c) < 0) {
                return false;
            }
        }
        return name.length() + 1 <= 128;   // NAME_LEN counts the NUL
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> lvmLike = Arbitraries.strings().withChars(ALLOWED.toCharArray()).ofMinLength(1)
                .ofMaxLength(140);
        Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(12);
        Arbitrary<String> edges = Arbitraries.of(".", "..", "...", "-v", "--all", "-", "vg0", "a".repeat(127),
                "a".repeat(128), "vg\n0", "vg 0", "vg/lv", "vg\u00e9", "+vg", "_", ".vg", "vg-", "@vg");
        return Arbitraries.oneOf(lvmLike, anything, edges);
    }

    @Property
    void acceptsExactlyWhatLvmAccepts(@ForAll("names") String name) {
        assertEquals(lvmAccepts(name), VolumeGroupName.problem(name) == null, name);
    }

    @Example
    void optionLikeNamesAreUsageErrorsThatSayWhy() {
        UsageException e = assertThrows(UsageException.class, () -> VolumeGroupName.check("-v"));
        assertEquals("Invalid --vg -v: a VG name cannot start with '-' (VG names use A-Z a-z 0-9 + _ . - only;"
                + " see man lvm, VALID NAMES).", e.getMessage());
    }

    @Example
    void controlCharactersAreShownEscaped() {
        UsageException e = assertThrows(UsageException.class, () -> VolumeGroupName.check("vg\u001b[2J"));
        assertTrue(e.getMessage().startsWith("Invalid --vg vg\\x1b[2J: character 3 (\\x1b) is not allowed"),
                e.getMessage());
        assertTrue(e.getMessage().chars().allMatch(c -> c >= ' ' && c <= '~'), e.getMessage());
        String longName = "v".repeat(1000);
        assertTrue(VolumeGroupName.visible(longName).length() < 140, "a long name is cut in messages");
    }

    @Example
    void longestNameIs127Characters() throws UsageException {
        VolumeGroupName.check("v".repeat(127));
        assertNull(VolumeGroupName.problem("v".repeat(127)));
        assertEquals("a VG name has at most 127 characters, not 128", VolumeGroupName.problem("v".repeat(128)));
    }
}
