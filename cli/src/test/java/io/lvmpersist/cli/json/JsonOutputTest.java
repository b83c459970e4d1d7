package io.lvmpersist.cli.json;

import io.lvmpersist.cli.CliRun;
import io.lvmpersist.cli.ExitCode;
import io.lvmpersist.transport.sim.Personality;
import io.lvmpersist.transport.sim.SimSan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command's real --json output, run on the simulated SAN, has exactly the fields the schema
 * (docs/lvmpersist-output.schema.json) documents, of the documented types; every documented field
 * is produced by some command; and docs/json-examples holds exactly this output.
 */
class JsonOutputTest {
    static final String REGENERATE = "regenerate with: mvn -B -ntp -pl cli verify -Dlvmpersist.regenerate=true";

    @TempDir
    static Path dir;

    /** Example name -> the parsed output, in the order the scenario ran. */
    static final Map<String, Object> EXAMPLES = new LinkedHashMap<>();
    static final Map<String, Integer> EXIT_CODES = new LinkedHashMap<>();

    static Path root() {
        Path d = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(d.resolve("docs"))) {
            d = d.getParent();
        }
        return d;
    }

    /** One scenario that makes every command print what it can: successes, a conflict, a takeover, a fence. */
    @BeforeAll
    static void runEveryCommand() throws Exception {
        Path state = dir.resolve("san.state");
        SimSan.open(state).createVolumeGroup("vg0", 2, Personality.SCSI);
        CliRun a = CliRun.simulated(state, "hostA");
        CliRun b = a.as("hostB");
        run("start", a, "start --ourkey 0xa --vg vg0");
        run("start-conflict", b, "start --ourkey 0xb --vg vg0");
        b.line("stop --ourkey 0xb --vg vg0");   // the loser keeps its key on the first device until it stops
        run("devtest", a, "devtest --vg vg0");
        run("check-key", a, "check-key --key 0xa --vg vg0");
        run("read-keys", a, "read-keys --vg vg0");
        run("read-reservation", a, "read-reservation --vg vg0");
        run("read", a, "read --vg vg0");
        run("takeover", b, "start --ourkey 0xb --removekey 0xa --vg vg0");
        run("stop", b, "stop --ourkey 0xb --vg vg0");
        a.line("start --ourkey 0xa --access sh --vg vg0");
        b.line("start --ourkey 0xb --access sh --vg vg0");
        run("remove", b, "remove --ourkey 0xb --removekey 0xa --vg vg0");
        run("clear", b, "clear --ourkey 0xb --vg vg0");
        run("check-key-missing", b, "check-key --key 0xa --vg vg0");
    }

    private static void run(String example, CliRun host, String commandLine) {
        CliRun.Result result = host.line(commandLine + " --json");
        assertEquals(1, result.outLines().size(), "one JSON document on stdout: " + result);
        EXAMPLES.put(example, MiniJson.parse(result.out()));
        EXIT_CODES.put(example, result.code());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> schema() throws IOException {
        return (Map<String, Object>) MiniJson.parse(
                Files.readString(root().resolve("docs/lvmpersist-output.schema.json")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOutputHasExactlyTheDocumentedFields() throws IOException {
        SchemaCheck check = new SchemaCheck(schema());
        for (Map.Entry<String, Object> example : EXAMPLES.entrySet()) {
            List<String> problems = check.check(example.getValue());
            assertEquals(List.of(), problems, example.getKey() + " does not fit docs/lvmpersist-output.schema.json: "
                    + MiniJson.pretty(example.getValue()));
            Map<String, Object> document = (Map<String, Object>) example.getValue();
            assertEquals((long) EXIT_CODES.get(example.getKey()), document.get("exitCode"), example.getKey());
            assertEquals(EXIT_CODES.get(example.getKey()) == 0, document.get("ok"), example.getKey());
        }
        // Exactly: every top-level field is always there, and every documented device field is produced.
        Map<String, Object> schema = schema();
        assertEquals(new TreeSet<>(((Map<String, Object>) schema.get("properties")).keySet()),
                new TreeSet<>((List<String>) schema.get("required")), "every top-level field is always present");
        Map<String, Object> device = (Map<String, Object>) ((Map<String, Object>) schema.get("$defs")).get("device");
        Set<String> documented = new TreeSet<>();
        ((Map<String, Object>) device.get("properties")).keySet().forEach(f -> documented.add("$.devices[]." + f));
        Set<String> produced = new TreeSet<>(check.seenFields());
        produced.retainAll(documented);
        documented.removeAll(Set.of("$.devices[].error.raw"));
        assertEquals(documented, produced, "every documented device field is produced by some command");
    }

    /** docs/json.md: one document for every PR command with --json, usage errors included (picocli's and ours). */
    @Test
    @SuppressWarnings("unchecked")
    void aUsageErrorWithJsonPrintsOneDocumentWithExitCode2() throws IOException {
        SchemaCheck check = new SchemaCheck(schema());
        for (List<String> args : List.of(List.of("read", "--json", "--vg"), List.of("start", "--json", "--key", "0x1", "--vg", "v"),
                List.of("read", "--json", "--bogus", "--vg", "v"), List.of("remove", "--ourkey", "0xa", "--json", "--vg", "v"),
                List.of("read", "--device", "", "--json"))) {
            String line = String.join(" ", args);
            CliRun.Result result = CliRun.withEnvironment().run(args.toArray(String[]::new));
            assertEquals(ExitCode.USAGE, result.code(), result::toString);
            Map<String, Object> document = (Map<String, Object>) MiniJson.parse(result.out());
            assertEquals(List.of(), check.check(document), line + ": " + result.out());
            assertEquals(line.split(" ")[0], document.get("command"), line);
            assertEquals((long) ExitCode.USAGE, document.get("exitCode"), line);
            assertEquals(List.of(), document.get("devices"), line);
            assertEquals(1, ((List<Object>) document.get("errors")).size(), line + ": " + result.out());
            assertTrue(result.err().startsWith(((List<Object>) document.get("errors")).getFirst().toString()),
                    "the message is on stderr too: " + result);
        }
        CliRun.Result sim = CliRun.withEnvironment().line("sim show --json");
        assertEquals(ExitCode.USAGE, sim.code(), sim::toString);
        assertEquals("", sim.out(), "sim is no PR command: no document");
    }

    @Test
    void theScenarioCoversEveryCommand() {
        Set<Object> commands = new TreeSet<>();
        EXAMPLES.values().forEach(e -> commands.add(((Map<?, ?>) e).get("command")));
        assertEquals(new TreeSet<>(List.of("start", "stop", "remove", "clear", "devtest", "check-key", "read-keys",
                "read-reservation", "read")), commands);
        assertEquals(ExitCode.CONFLICT, EXIT_CODES.get("start-conflict"));
        assertEquals(ExitCode.FAILED, EXIT_CODES.get("check-key-missing"));
    }

    @Test
    void theExamplesInTheDocsAreTheRealOutput() throws IOException {
        Path examples = root().resolve("docs/json-examples");
        if (Boolean.getBoolean("lvmpersist.regenerate")) {
            Files.createDirectories(examples);
            try (Stream<Path> old = Files.list(examples)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (Map.Entry<String, Object> e : EXAMPLES.entrySet()) {
                Files.writeString(examples.resolve(e.getKey() + ".json"), MiniJson.pretty(e.getValue()));
            }
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(examples)) {
            list.map(p -> p.getFileName().toString()).sorted().forEach(files::add);
        }
        assertEquals(EXAMPLES.keySet().stream().map(n -> n + ".json").sorted().toList(), files,
                "docs/json-examples does not hold one file per example; " + REGENERATE);
        for (Map.Entry<String, Object> e : EXAMPLES.entrySet()) {
            assertEquals(MiniJson.pretty(e.getValue()), Files.readString(examples.resolve(e.getKey() + ".json")),
                    "docs/json-examples/" + e.getKey() + ".json is not what the command prints; " + REGENERATE);
        }
    }
}
