package io.lvmpersist.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line built for one command (only that command under the root, for start-up time) behaves exactly
 * like the whole command line: same exit code, same stdout and stderr, for successes and for every kind of error.
 */
class LeanCommandLineTest {
    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
    }

    private Outcome run(boolean lean, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli cli = new Cli(env, new PrintWriter(out), new PrintWriter(err));
        CommandLine cl = lean ? cli.commandLineFor(args) : cli.commandLine();
        int code = cl.execute(args.clone());
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void oneCommandRunsAndFailsExactlyAsUnderTheWholeCommandLine() {
        Map<String, String> env = Map.of("LVMPERSIST_SYSLOG", "off", "LVMPERSIST_SIM", dir.resolve("san").toString(),
                "LVMPERSIST_SIM_HOST", "h1");
        assertEquals(0, run(false, env, "sim", "create-vg", "vg0", "--pvs", "2").code());
        List<String[]> cases = List.of(
                new String[]{"read", "--vg", "vg0"},
                new String[]{"read-keys", "--device", "/dev/sim/vg0/pv1", "--json"},
                new String[]{"read", "--vg", "nosuchvg"},
                new String[]{"read"},
                new String[]{"read", "--bogus"},
                new String[]{"start", "--ourkey", "zz", "--vg", "vg0"},
                new String[]{"start", "--ourk", "0xa", "--vg", "vg0"},
                new String[]{"stop", "--ourkey", "0xa", "--vg", "vg0"},
                new String[]{"check-key", "--key", "0xa", "--device", "/dev/sim/vg0/pv2"},
                new String[]{"sim", "show"},
                new String[]{"sim", "fault", "--device", "/dev/sim/vg0/pv9"},
                new String[]{"clear", "--device", "/dev/sim/vg0/pv1"});
        for (String[] args : cases) {
            Outcome whole = run(false, env, args);
            Outcome lean = run(true, env, args);
            assertEquals(whole, lean, String.join(" ", args));
        }
    }

    @Test
    void theLeanRootHoldsOnlyTheCommandAndHelpOrVersionGetEverything() {
        Cli cli = new Cli(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(List.of("read"), List.copyOf(cli.commandLineFor(new String[]{"read", "--vg", "x"})
                .getSubcommands().keySet()));
        assertEquals("lvmpersist", cli.commandLineFor(new String[]{"read"}).getCommandName());
        int all = cli.commandLine().getSubcommands().size();
        assertTrue(all > 5, "the whole command line has every command");
        for (String[] args : List.of(new String[]{"read", "--help"}, new String[]{"read", "-h"},
                new String[]{"start", "--he"}, new String[]{"stop", "-V"}, new String[]{"read", "--version"},
                new String[]{"help", "read"}, new String[]{"--help"}, new String[]{"nosuch"})) {
            assertEquals(all, cli.commandLineFor(args).getSubcommands().size(), String.join(" ", args));
        }
    }
}
