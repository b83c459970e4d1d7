package io.lvmpersist.cli;

import io.lvmpersist.transport.ReservationType;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the help, the man page and docs/*.md say about the command line is what it does (issue 14). */
class DocumentedBehaviourTest {
    @TempDir
    Path dir;

    private static final List<String> PR_COMMANDS = List.of("start", "stop", "remove", "clear", "devtest", "check-key",
            "read-keys", "read-reservation", "read");

    private static CommandLine model() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return new Cli(Map.of(), sink, sink).commandLine();
    }

    private static List<CommandLine> everyCommand() {
        List<CommandLine> all = new ArrayList<>();
        ArrayDeque<CommandLine> todo = new ArrayDeque<>(List.of(model()));
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            all.add(cl);
            todo.addAll(cl.getSubcommands().values());
        }
        return all;
    }

    @Test
    void onlyCheckKeyListsKeyInItsSynopsisAndOptions() {
        for (String command : PR_COMMANDS) {
            CliRun.Result help = CliRun.withEnvironment().run(command, "--help");
            assertEquals(ExitCode.OK, help.code(), help::toString);
            assertEquals(command.equals("check-key"), help.out().contains("--key=KEY"), command + ":\n" + help.out());
        }
    }

    /** The command lists of --help and the man page show the first line of a description: a whole sentence. */
    @Test
    void everyCommandSummaryIsAWholeSentence() {
        for (CommandLine cl : everyCommand()) {
            String[] description = cl.getCommandSpec().usageMessage().description();
            if (description.length == 0 || cl.getCommandName().equals("help")) {
                continue;
            }
            String first = Arrays.stream(description).filter(l -> !l.isBlank()).findFirst().orElseThrow();
            assertTrue(first.endsWith("."), cl.getCommandSpec().qualifiedName() + ": summary cut mid-sentence: " + first);
        }
    }

    @Test
    void usageHintsNameTheWholeCommand() {
        CliRun.Result fault = CliRun.withEnvironment().line("sim fault --device /x --bogus");
        assertEquals(ExitCode.USAGE, fault.code(), fault::toString);
        assertTrue(fault.err().strip().endsWith("(see: lvmpersist sim fault --help)"), fault::toString);
        CliRun.Result bind = CliRun.withEnvironment().line("sim bind --bogus /dev/loop0");
        assertTrue(bind.err().strip().endsWith("(see: lvmpersist sim bind --help)"), bind::toString);
        CliRun.Result read = CliRun.withEnvironment().line("read --bogus --vg vg0");
        assertTrue(read.err().strip().endsWith("(see: lvmpersist read --help)"), read::toString);
    }

    /** --prtype's help names exactly the types that are accepted; the refused ones are named as such. */
    @Test
    void prtypeHelpNamesTheAcceptedTypes() throws Exception {
        String description = model().getSubcommands().get("start").getCommandSpec().findOption("--prtype").description()[0];
        String accepted = description.substring(0, description.indexOf('('));
        Path state = dir.resolve("san");
        SimSan.open(state).createVolumeGroup("vg0", 1, Personality.SCSI);
        CliRun cli = CliRun.simulated(state, "a");
        Set<String> named = new TreeSet<>();
        Set<String> works = new TreeSet<>();
        for (ReservationType type : ReservationType.values()) {
            String name = type.name();
            if (accepted.matches(".*\\b" + name + "\\b.*")) {
                named.add(name);
            }
            CliRun.Result result = cli.line("devtest --prtype " + name + " --vg vg0");
            if (result.code() == ExitCode.OK) {
                works.add(name);
            } else {
                assertEquals(ExitCode.USAGE, result.code(), result::toString);
                assertEquals(name + " is not yet supported.", result.err().strip(), result::toString);
                assertTrue(description.substring(accepted.length()).contains(name), "named as refused: " + description);
            }
        }
        assertEquals(works, named, "--prtype help: " + description);
    }

    @ParameterizedTest(name = "plain arguments {0}")
    @ValueSource(booleans = {true, false})
    void simOptionsMayComeBeforeTheCommand(boolean plainArguments) throws Exception {
        Path state = dir.resolve("san-" + plainArguments);
        String s = state.toString();
        assertEquals(ExitCode.OK, run(plainArguments, "--sim", s, "sim", "create-vg", "vg0", "--pvs", "1").code());
        Outcome started = run(plainArguments, "--sim", s, "--sim-host", "hostA", "start", "--ourkey", "0xa", "--vg", "vg0");
        assertEquals(ExitCode.OK, started.code(), started.toString());
        Outcome read = run(plainArguments, "--sim=" + s, "--sim-host=hostB", "read-keys", "--vg", "vg0");
        assertEquals(ExitCode.OK, read.code(), read.toString());
        assertEquals("Device /dev/sim/vg0/pv1: registered keys: 0xa\n", read.out());
        assertFalse(SimSan.open(state).canWrite("/dev/sim/vg0/pv1", "hostB"), "the SAN named first was used");
        Outcome write = run(plainArguments, "--sim", s, "sim", "write", "--device", "/dev/sim/vg0/pv1", "--sim-host", "hostA");
        assertEquals(ExitCode.OK, write.code(), write.toString());
    }

    private record Outcome(int code, String out, String err) {
    }

    private Outcome run(boolean plainArguments, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(Map.of("LVMPERSIST_SYSLOG", "off"), new PrintWriter(out), new PrintWriter(err), plainArguments)
                .run(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void argumentOrderMovesOnlyLeadingSimOptionsBehindTheCommand() {
        assertArrayEquals(new String[]{"read", "--sim", "S", "--vg", "v"},
                ArgumentOrder.commandFirst(new String[]{"--sim", "S", "read", "--vg", "v"}));
        assertArrayEquals(new String[]{"sim", "show", "--sim=S"},
                ArgumentOrder.commandFirst(new String[]{"--sim=S", "sim", "show"}));
        assertArrayEquals(new String[]{"start", "--sim-host", "h", "--sim", "S", "--vg", "v"},
                ArgumentOrder.commandFirst(new String[]{"--sim-host", "h", "--sim", "S", "start", "--vg", "v"}));
        for (String[] unchanged : List.of(new String[]{"read", "--sim", "S"}, new String[]{"--sim"},
                new String[]{"--sim", "S"}, new String[]{"--sim", "S", "--help"}, new String[]{"--vg", "v", "read"})) {
            assertArrayEquals(unchanged, ArgumentOrder.commandFirst(unchanged.clone()), String.join(" ", unchanged));
        }
    }

    @Test
    void emptyPathsAndBadHostNamesAreOneLineUsageErrors() {
        Map<List<String>, String> cases = Map.of(
                List.of("read", "--device", ""), "Invalid --device \"\": give a device path, e.g. --device /dev/sdb.",
                List.of("read", "--sim", "", "--vg", "vg0"),
                "Invalid --sim \"\": give the simulated SAN's state file, e.g. --sim /tmp/san.state.",
                List.of("sim", "show", "--sim", ""),
                "Invalid --sim \"\": give the simulated SAN's state file, e.g. --sim /tmp/san.state.",
                List.of("read", "--sim", dir.resolve("s").toString(), "--sim-host", "a b", "--vg", "vg0"),
                "Invalid --sim-host 'a b': a simulated host name is printable ASCII without spaces, not starting with #.");
        for (var c : cases.entrySet()) {
            for (boolean plain : List.of(true, false)) {
                Outcome result = run(plain, c.getKey().toArray(String[]::new));
                assertEquals(ExitCode.USAGE, result.code(), c.getKey() + ": " + result);
                assertEquals(c.getValue() + "\n", result.err(), c.getKey() + ": " + result);
            }
        }
        CliRun.Result env = CliRun.simulated(dir.resolve("s"), "#b").line("read --vg vg0");
        assertEquals(ExitCode.USAGE, env.code(), env::toString);
        assertEquals("Invalid LVMPERSIST_SIM_HOST '#b': a simulated host name is printable ASCII without spaces,"
                + " not starting with #.", env.err().strip());
    }

    @Test
    void simPathRefusesALuThatHasNoPaths() throws Exception {
        Path state = dir.resolve("san");
        SimSan san = SimSan.open(state);
        String pv = san.createVolumeGroup("vg0", 1, Personality.SCSI).getFirst();
        String mp = san.createMultipathVolumeGroup("mp", 1, 2).getFirst();
        CliRun cli = CliRun.simulated(state, "a");
        for (String change : List.of("--down 1", "--up 1", "--count 3")) {
            CliRun.Result refused = cli.line("sim path --device " + pv + " " + change);
            assertEquals(ExitCode.USAGE, refused.code(), refused::toString);
            assertEquals("", refused.out(), "no claim of success: " + refused);
            assertTrue(refused.err().contains("is not a simulated multipath map"), refused::toString);
        }
        CliRun.Result down = cli.line("sim path --device " + mp + " --down 1");
        assertEquals(ExitCode.OK, down.code(), down::toString);
        assertEquals(Set.of(1), san.pathState(san.lunOf(mp).orElseThrow()).down());
    }

    @Test
    void removingAKeyNoDeviceHasSaysNothingWasRemoved() throws Exception {
        Path state = dir.resolve("san");
        SimSan.open(state).createVolumeGroup("vg0", 2, Personality.SCSI);
        CliRun b = CliRun.simulated(state, "hostB");
        assertEquals(ExitCode.OK, b.line("start --ourkey 0xb --access sh --vg vg0").code());
        CliRun.Result absent = b.line("remove --ourkey 0xb --removekey 0xa --vg vg0");
        assertEquals(ExitCode.OK, absent.code(), absent::toString);
        String all = absent.out() + absent.err();
        assertTrue(all.contains("key 0xa not registered on vg0 (nothing to remove)."), absent::toString);
        assertFalse(all.contains("removed key"), absent::toString);

        CliRun a = CliRun.simulated(state, "hostA");
        assertEquals(ExitCode.OK, a.line("start --ourkey 0xa --access sh --vg vg0").code());
        CliRun.Result removed = b.line("remove --ourkey 0xb --removekey 0xa --vg vg0");
        assertTrue((removed.out() + removed.err()).contains("removed key 0xa for vg0."), removed::toString);
    }
}
