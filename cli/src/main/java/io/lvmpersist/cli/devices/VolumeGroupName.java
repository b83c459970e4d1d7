package io.lvmpersist.cli.devices;

import io.lvmpersist.cli.UsageException;
import io.lvmpersist.cli.output.Printable;

/**
 * LVM's rules for a VG name (lib/misc/lvm-string.c {@code _validate_name}, man lvm "VALID NAMES"):
 * only {@code A-Z a-z 0-9 + _ . -}, not starting with '-', not "." or "..", at most 127 characters.
 *
 * <p>Why we check: the name is an operand of {@code lvm vgs}. A name such as {@code -v} used to be read
 * by lvm as an option, leaving no VG operand, so lvm listed the PVs of every VG and {@code clear} cleared
 * them all. A name LVM would refuse cannot name a VG, so refusing it early changes nothing else.
 */
public final class VolumeGroupName {
    /** NAME_LEN (128) in lvm-string.h counts the terminating NUL. */
    static final int MAX_LENGTH = 127;

    private VolumeGroupName() {
    }

    /** @throws UsageException naming the rule {@code vg} breaks */
    public static void check(String vg) throws UsageException {
        check(vg, "--vg");
    }

    /** The same check for a VG name given as {@code what} (an option or an operand such as "VG name"). */
    public static void check(String vg, String what) throws UsageException {
        String problem = problem(vg);
        if (problem != null) {
            throw new UsageException("Invalid " + what + " " + visible(vg) + ": " + problem
                    + " (VG names use A-Z a-z 0-9 + _ . - only; see man lvm, VALID NAMES).");
        }
    }

    /** What is wrong with {@code vg} as a VG name, or null when LVM accepts it. */
    static String problem(String vg) {
        if (vg.isEmpty()) {
            return "the name is empty";
        }
        if (vg.charAt(0) == '-') {
            return "a VG name cannot start with '-'";
        }
        if (vg.equals(".") || vg.equals("..")) {
            return "\".\" and \"..\" are not VG names";
        }
        if (vg.length() > MAX_LENGTH) {
            return "a VG name has at most " + MAX_LENGTH + " characters, not " + vg.length();
        }
        for (int i = 0; i < vg.length(); i++) {
            if (!allowed(vg.charAt(i))) {
                return "character " + (i + 1) + " (" + visible(vg.substring(i, i + 1)) + ") is not allowed";
            }
        }
        return null;
    }

    /** The name as a terminal can show it: control characters escaped ({@link Printable}), long names cut. */
    static String visible(String text) {
        String shown = text.length() > MAX_LENGTH + 1 ? text.substring(0, MAX_LENGTH + 1) + "..." : text;
        return Printable.escapeControls(shown);
    }

    // isalnum() in the C locale, plus the four punctuation characters LVM allows.
    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '+' || c == '_' || c == '.' || c == '-';
    }
}
