package io.lvmpersist.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every usage error: one line on stderr naming the problem (with lvmpersist's prefix), exit 2, nothing on stdout, nothing done. */
class UsageErrorsTest {
    private final CliRun cli = CliRun.withEnvironment();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bogus --device /dev/sdb|Unknown command: bogus.",
            "read|Missing required option: --vg or --device.",
            "start --ourkey 0x1|Missing required option: --vg or --device.",
            "start --ourkey 0x1 --access ex --prtype WE --device /dev/sdb|Set --prtype or --access, not both.",
            "check-key --device /dev/sdb|Missing required option: --key.",
            "read --key 0x1 --device /dev/sdb|Invalid option: --key.",
            "start --key 0x1 --ourkey 0x2 --device /dev/sdb|Invalid option: --key.",
            "start --ourkey 0x0 --device /dev/sdb|Leading 0s are not permitted in keys.",
            "start --ourkey 0x0123 --device /dev/sdb|Leading 0s are not permitted in keys.",
            "start --ourkey 0xzz --device /dev/sdb|Invalid hex digits in key: 0xzz",
            "start --ourkey 0x --device /dev/sdb|Invalid hex digits in key: 0x",
            "start --ourkey 12a --device /dev/sdb|Invalid decimal digits in key: 12a (use 0x prefix for hex key)",
            "start --ourkey 0X1A --device /dev/sdb|Invalid decimal digits in key: 0X1A (use 0x prefix for hex key)",
            "start --ourkey 0123 --device /dev/sdb|Decimal key 0123 has a leading 0 (lvmpersist would read it as octal): drop the 0 or use 0x prefix for hex key",
            "start --ourkey 0 --device /dev/sdb|Key 0 is not a valid --ourkey: 0 means \"no key\" to the device.",
            "start --ourkey 0x12345678901234567 --device /dev/sdb|Key is out of range: 0x12345678901234567",
            "remove --ourkey 0x1 --removekey 0x10000000000000000 --device /dev/sdb|Key is out of range: 0x10000000000000000",
            "check-key --key 0x00000000000000001 --device /dev/sdb|Key is out of range: 0x00000000000000001",
            "start --ourkey 18446744073709551616 --device /dev/sdb|Key is out of range: 18446744073709551616",
            "check-key --key 99999999999999999999 --device /dev/sdb|Key is out of range: 99999999999999999999",
            "remove --ourkey 0x1 --removekey 0x1g --device /dev/sdb|Invalid hex digits in key: 0x1g",
            "check-key --key 0x0123 --device /dev/sdb|Leading 0s are not permitted in keys.",
            "start --ourkey 0x1 --access rw --device /dev/sdb|Invalid access mode (use ex or sh).",
            "start --ourkey 0x1 --prtype WERO --device /dev/sdb|WERO is not yet supported.",
            "start --ourkey 0x1 --prtype EARO --device /dev/sdb|EARO is not yet supported.",
            "start --ourkey 0x1 --prtype we --device /dev/sdb|Unknown PRTYPE string (choose WE/EA/WERO/EARO/WEAR/EAAR).",
            "start --device /dev/sdb|Missing required option: --ourkey.",
            "stop --vg vg0|Missing required option: --ourkey.",
            "clear --device /dev/sdb|Missing required option: --ourkey.",
            "remove --ourkey 0x1 --device /dev/sdb|Missing required option: --removekey.",
            "remove --ourkey 0x1 --removekey 0x1 --device /dev/sdb|--removekey 0x1 is our own key: give the other host's key.",
            "read --timeout 0 --device /dev/sdb|Invalid --timeout 0: give 1 to 3600 seconds.",
            "read --sim-host a --device /dev/sdb|--sim-host needs --sim STATE (or LVMPERSIST_SIM) to choose the simulated SAN.",
            "read --bogus --device /dev/sdb|Unknown option: '--bogus' (see: lvmpersist read --help)",
            "read --deivce /dev/sdb --vg vg0|Unknown options: '--deivce', '/dev/sdb' (see: lvmpersist read --help)",
            "start -|Invalid arguments: start - (see: lvmpersist start --help)",
            "read --device /dev/sdb extra|Unmatched argument at index 3: 'extra' (see: lvmpersist read --help)",
            "read --device|Missing required parameter for option '--device' (PATH) (see: lvmpersist read --help)",
    })
    void oneLineErrorAndUsageExitCode(String commandLine, String message) {
        CliRun.Result result = cli.line(commandLine);
        assertEquals(ExitCode.USAGE, result.code(), result::toString);
        assertEquals(List.of("  lvmpersist: " + message), result.errLines(), result::toString);
        assertEquals("", result.out(), result::toString);
    }

    @Test
    void controlCharactersTypedOnTheCommandLineAreEchoedEscaped() {
        CliRun.Result result = cli.run("bogus\u001b[2J\nx", "--device", "/dev/sdb");
        assertEquals(ExitCode.USAGE, result.code(), result::toString);
        assertEquals(List.of("  lvmpersist: Unknown command: bogus\\x1b[2J\\nx."), result.errLines(), result::toString);
        CliRun.Result option = cli.run("read", "--bogus\u009b", "--device", "/dev/sdb");
        assertEquals(List.of("  lvmpersist: Unknown option: '--bogus\\x9b' (see: lvmpersist read --help)"),
                option.errLines(), option::toString);
    }

    @Test
    void noArgumentsPrintsUsageAndSucceeds() {
        CliRun.Result result = cli.run();
        assertEquals(ExitCode.OK, result.code());
        assertTrue(result.out().startsWith("Usage:"), result::toString);
        assertTrue(result.out().contains("read-reservation"), result::toString);
    }

    @ParameterizedTest
    @CsvSource({"help", "-h", "--help"})
    void helpPrintsUsage(String word) {
        CliRun.Result result = cli.run(word);
        assertEquals(ExitCode.OK, result.code());
        assertTrue(result.out().contains("Exit status:"), result::toString);
    }

    @Test
    void decimalKeysAreAnnouncedInHex() {
        // Usage checks pass; the device then fails, but the notice comes first on stdout.
        CliRun.Result result = cli.line("check-key --key 4097 --device /nonexistent/dev");
        assertEquals("Using key: 0x1001", result.outLines().getFirst(), result::toString);
    }

    @Test
    void abbreviatedOptionsWorkLikeGetoptLong() {
        CliRun.Result result = cli.line("start --our 0x1 --acc rw --dev /dev/sdb");
        assertEquals("  lvmpersist: Invalid access mode (use ex or sh).", result.err().stripTrailing(), result::toString);
    }

    @Test
    void versionNamesTheTool() {
        CliRun.Result result = cli.run("--version");
        assertEquals(ExitCode.OK, result.code());
        assertTrue(result.out().startsWith("lvmpersist "), result::toString);
    }
}
