package io.lvmpersist.cli;

import io.lvmpersist.cli.command.PlainArguments;
import io.lvmpersist.cli.command.PrCommand;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PlainArguments} reads a plain command line without picocli. Whenever it accepts one, picocli
 * must accept it too and set the same options, and a whole run must print and exit exactly the same;
 * everything else it must leave to picocli.
 */
class PlainArgumentsTest {
    private static final Cli CLI = new Cli(Map.of(), new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()));

    // Words a command line may hold: options spelled in full, abbreviated, help, values of every kind
    // (plain, option-like, @file, empty, numbers picocli may read otherwise, command names).
    private static final List<String> WORDS = List.of(
            "--ourkey", "--removekey", "--key", "--access", "--prtype", "--ptpl", "--device", "--vg", "--debug",
            "--verbose", "--json", "--timeout", "--sim", "--sim-host",
            "--our", "--dev", "--remove", "--js", "--sim-h", "--pt", "--", "-h", "--help", "-V", "--version",
            "0xa", "0xB", "10", "0x0", "0", "vg0", "/dev/sim/vg0/pv1", "/dev/sim/vg0/pv2", "ex", "sh", "WE", "EAAR",
            "WERO", "bogus", "-1", "@nofile", "", "read", "start", "show", "010", "5", "99999999999", "+5",
            "hosta", "/tmp/state", "--vg=vg0", "--device=/dev/sim/vg0/pv2", "--json=true", "--timeout=010",
            "--timeout=7", "--ourkey=0xb", "--key=0xa", "--vg=", "--access=sh", "--sim-host=hostb", "=x",
            "\"vg0\"", "'vg0'", " vg0", "a b", "vg0,vg1", "${HOME}", "-", "--vg=-x", "--device=@f", "ünï");

    @Provide
    Arbitrary<String[]> commandLines() {
        Arbitrary<String> command = Arbitraries.of(List.copyOf(new java.util.TreeSet<>(PlainArguments.commands())));
        // Mostly option-value pairs, so that many generated lines are plain; single words for the rest.
        Arbitrary<List<String>> pair = Arbitraries.of("--ourkey", "--removekey", "--key", "--access", "--prtype",
                "--device", "--vg", "--timeout", "--sim-host").flatMap(option -> Arbitraries.of(WORDS)
                .map(value -> List.of(option, value)));
        Arbitrary<List<String>> word = Arbitraries.of(WORDS).map(List::of);
        Arbitrary<List<String>> rest = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, pair), net.jqwik.api.Tuple.of(2, word))
                .list().ofMaxSize(6).map(parts -> parts.stream().flatMap(List::stream).toList());
        return net.jqwik.api.Combinators.combine(command, rest).as((c, r) -> {
            List<String> args = new ArrayList<>();
            args.add(c);
            args.addAll(r);
            return args.toArray(String[]::new);
        });
    }

    @Property
    void whatItAcceptsPicocliParsesToTheSameOptions(@ForAll("commandLines") String[] args) {
        PrCommand plain = PlainArguments.parse(args, Cli.WORDS);
        Statistics.label("plain").collect(plain != null);
        Statistics.label("plain").coverage(c -> c.check(true).percentage(p -> p > 15));
        if (plain == null) {
            return;
        }
        CommandLine.ParseResult parsed = CLI.commandLineFor(args.clone()).parseArgs(args.clone());
        CommandLine.ParseResult sub = parsed.subcommand();
        assertNotNull(sub, String.join(" ", args));
        assertEquals(args[0], sub.commandSpec().name());
        PrCommand picocli = (PrCommand) sub.commandSpec().userObject();
        assertEquals(picocli.getClass(), plain.getClass());
        assertEquals(picocli.options().toString(), plain.options().toString(), String.join(" ", args));
    }

    @Property(tries = 150)
    void whatItAcceptsRunsExactlyAsUnderPicocli(@ForAll("commandLines") String[] args) throws IOException {
        boolean accepted = PlainArguments.parse(args, Cli.WORDS) != null;
        Statistics.label("plain").collect(accepted);
        Statistics.label("plain").coverage(c -> c.check(true).percentage(p -> p > 15));
        if (!accepted) {
            return;
        }
        assertSameRunEitherWay(args);
    }

    // The same fresh simulated SAN, at the same path (messages may name it), for each run, so that
    // state-changing commands compare too.
    private static void assertSameRunEitherWay(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("plain-args");
        try {
            CliRun.Result plain = run(dir, true, args);
            deleteTree(dir);
            CliRun.Result picocli = run(dir, false, args);
            assertEquals(picocli.toString(), plain.toString(), String.join(" ", args));
        } finally {
            deleteTree(dir);
        }
    }

    @Example
    void messagesNamingTheSanOrAMissingDeviceAreTheSame() throws IOException {
        for (String line : List.of("devtest --device 0xa", "read --device /dev/sim/vg0/pv9", "read --vg nosuch",
                "start --ourkey 0xa --vg vg0", "start --ourkey 0 --vg vg0", "check-key --vg vg0")) {
            assertNotNull(PlainArguments.parse(line.split(" "), Cli.WORDS), line);
            assertSameRunEitherWay(line.split(" "));
        }
    }

    private static CliRun.Result run(Path dir, boolean plainArguments, String[] args) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> env = Map.of("LVMPERSIST_SYSLOG", "off",
                "LVMPERSIST_SIM", dir.resolve("san").toString(), "LVMPERSIST_SIM_HOST", "h1");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli cli = new Cli(env, new PrintWriter(out), new PrintWriter(err), plainArguments);
        assertEquals(0, cli.run("sim", "create-vg", "vg0", "--pvs", "2"));
        out.getBuffer().setLength(0);
        int code = cli.run(args.clone());
        return new CliRun.Result(code, out.toString(), err.toString());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Example
    void theWayLvmAndAgentsCallUsIsPlain() {
        for (String line : List.of(
                "start --ourkey 0x100000001 --vg vg0",
                "start --ourkey 0x1 --access sh --vg vg0",
                "start --ourkey 0x2 --removekey 0x1 --vg vg0",
                "start --ourkey 0x1 --prtype WEAR --ptpl --vg vg0 --json",
                "stop --ourkey 0x1 --vg vg0",
                "remove --ourkey 0x1 --removekey 0x2 --vg vg0",
                "clear --ourkey 0x1 --vg vg0",
                "read --device /dev/sdb --device /dev/nvme0n1",
                "read-keys --vg=vg0 --verbose",
                "read-reservation --vg vg0 --debug",
                "check-key --key 0x1 --vg vg0 --timeout 30",
                "devtest --device /dev/sdb --sim /tmp/san --sim-host a")) {
            assertNotNull(PlainArguments.parse(line.split(" "), Cli.WORDS), line);
        }
    }

    @Example
    void atWordsArePlainValuesBecausePicocliNoLongerReadsAtFiles() throws IOException {
        for (String line : List.of("read --device @/etc/shadow", "read-keys --vg @args")) {
            assertNotNull(PlainArguments.parse(line.split(" "), Cli.WORDS), line);
            assertSameRunEitherWay(line.split(" "));
        }
    }

    @Example
    void anythingUnusualIsLeftToPicocli() {
        for (String line : List.of(
                "read --help", "read -h", "start --version", "read --dev /dev/sdb", "read --vg vg0 --vg vg1",
                "read --json --json", "read --json=true --vg vg0", "read --vg", "read --vg=", "read --vg -x",
                "read --vg vg0 extra", "read -- --vg vg0", "read --timeout 010 --vg v",
                "read --timeout +5 --vg v", "read --timeout 9999999999 --vg v", "read --vg read", "sim show",
                "help read", "read --device /dev/sdb --bogus")) {
            assertNull(PlainArguments.parse(line.split(" "), Cli.WORDS), line);
        }
        assertNull(PlainArguments.parse(new String[0], Cli.WORDS));
        assertNull(PlainArguments.parse(new String[]{"read", "--vg", ""}, Cli.WORDS));
    }

    @Example
    void itKnowsEveryPrCommandAndLeavesEveryCommandNameToPicocli() {
        Set<String> prCommands = new HashSet<>();
        Set<String> names = new HashSet<>();
        collect(CLI.commandLine(), prCommands, names);
        assertEquals(prCommands, PlainArguments.commands());
        assertTrue(Cli.WORDS.containsAll(names), "Cli.WORDS lacks some of " + names);
    }

    private static void collect(CommandLine cl, Set<String> prCommands, Set<String> names) {
        for (var sub : cl.getSubcommands().entrySet()) {
            names.add(sub.getKey());
            Object user = sub.getValue().getCommandSpec().userObject();
            if (user instanceof PrCommand && user.getClass().isAnnotationPresent(Command.class)) {
                prCommands.add(sub.getKey());
            }
            collect(sub.getValue(), prCommands, names);
        }
    }
}
