package io.lvmpersist.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For random argument vectors built from our own vocabulary and junk, the CLI never throws, never
 * prints a stack trace, and always exits with a documented code. Runs without any device: real
 * device paths here do not exist or are not PR-capable, so nothing on this machine is touched.
 */
class CliArgumentsTest {
    private static final Set<Integer> DOCUMENTED = Set.of(ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE,
            ExitCode.CONFLICT, ExitCode.DEVICE);

    @Provide
    Arbitrary<List<String>> argumentVectors() {
        Arbitrary<String> commands = Arbitraries.of("start", "stop", "remove", "clear", "devtest", "check-key",
                "read-keys", "read-reservation", "read", "help", "-h", "--help", "--version", "bogus", "", "sim");
        Arbitrary<String> words = Arbitraries.oneOf(
                Arbitraries.of("--ourkey", "--removekey", "--key", "--access", "--prtype", "--ptpl", "--device",
                        "--vg", "--debug", "--json", "--verbose", "--timeout", "--version", "--help", "-h", "--dev",
                        "--our", "--ourkey=0x1", "--bogus", "-", "--", "=", "--sim-host"),
                Arbitraries.of("0x1", "0x0", "0xffffffffffffffff", "0x12345678901234567", "0123", "18446744073709551616",
                        "ex", "sh", "rw", "WE", "WEAR", "WERO", "we", "/dev/null", "/nonexistent/sdz", "/dev/zero",
                        "vg0", "-1", "0", "99999", "abc", "\u00e9\u00e8", " "),
                Arbitraries.strings().ofMaxLength(12));
        return Arbitraries.oneOf(commands.list().ofSize(1), commands.list().ofSize(1))
                .flatMap(first -> words.list().ofMaxSize(8).map(rest -> {
                    java.util.ArrayList<String> all = new java.util.ArrayList<>(first);
                    all.addAll(rest);
                    return all;
                }));
    }

    @Property
    void neverThrowsAndExitsWithADocumentedCode(@ForAll("argumentVectors") List<String> args) {
        CliRun.Result result = CliRun.withEnvironment()
                .env("LVM_BINARY", "/nonexistent/lvm")   // never run the machine's lvm here
                .run(args.toArray(String[]::new));
        assertTrue(DOCUMENTED.contains(result.code()), () -> args + " -> " + result);
        assertFalse(result.err().contains("\tat "), () -> "stack trace for " + args + ": " + result);
        assertFalse(result.err().contains("Exception"), () -> "exception text for " + args + ": " + result);
    }
}
