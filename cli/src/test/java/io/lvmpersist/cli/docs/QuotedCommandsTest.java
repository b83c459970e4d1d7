package io.lvmpersist.cli.docs;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command line quoted in a code block of README.md and docs/*.md runs, so no document shows a command
 * that fails as written. Console blocks ({@code $ } lines with their output) are run by DocsExamplesTest,
 * which this test makes sure knows every document that has one. The other blocks ({@code ```sh} and
 * indented ones) show commands without output: their {@code lvmpersist} lines run on the simulated SAN,
 * in order, one session per block, and must exit 0 or with the status their comment says
 * ({@code # exit 3: ...}). A line that cannot run in a unit test is listed in {@link #SKIPPED} with the
 * reason; a line neither run nor listed fails the test, and so does a listed line that no longer exists.
 */
class QuotedCommandsTest {
    /** Document, the start of a quoted line, and why it does not run here. */
    record Skip(String document, String line, String reason) {
    }

    static final List<Skip> SKIPPED = List.of(
            new Skip("README.md", "bash .ci/quickstart", "builds the project with Maven and runs the demo: CI runs it"),
            new Skip("README.md", "bash .ci/test", "the whole build and test suite, this test included"),
            new Skip("README.md", "lvmpersist read --vg vg0 [--json]",
                    "a synopsis ([--json] is optional); read --vg vg0 and --json run in user-guide.md and json.md"),
            new Skip("README.md", "lvmpersist devtest | check-key --key K",
                    "a synopsis of the other commands (K is a placeholder); each runs in user-guide.md"),
            new Skip("install.md", "", "the install steps: InstallIT runs every sh block of install.md on the tarball"),
            new Skip("vm-tests.md", ".ci/vm/", "starts the QEMU test VM with real kernel targets (minutes, root)"),
            new Skip("performance.md", "docs/bench/", "benchmarks: many runs of a packaged build, minutes each"),
            new Skip("performance.md", ".ci/vm/run-in-vm", "a benchmark inside the QEMU test VM"));

    /**
     * README's "Use" block shows independent commands for different hosts: each runs on a fresh simulated
     * vg0 of two PVs, as the host and after the set-up that makes it meaningful (e.g. a takeover needs an owner).
     */
    static final Map<String, List<String>> README_USE = Map.of(
            "lvmpersist start --ourkey 0xa --vg vg0", List.of("export LVMPERSIST_SIM_HOST=hostA"),
            "lvmpersist start --ourkey 0xb --removekey 0xa --vg vg0", List.of(
                    "LVMPERSIST_SIM_HOST=hostA lvmpersist start --ourkey 0xa --vg vg0", "export LVMPERSIST_SIM_HOST=hostB"),
            "lvmpersist start --ourkey 0xa --access sh --vg vg0", List.of("export LVMPERSIST_SIM_HOST=hostA"),
            "lvmpersist remove --ourkey 0xb --removekey 0xa --vg vg0", List.of(
                    "LVMPERSIST_SIM_HOST=hostA lvmpersist start --ourkey 0xa --access sh --vg vg0",
                    "LVMPERSIST_SIM_HOST=hostB lvmpersist start --ourkey 0xb --access sh --vg vg0",
                    "export LVMPERSIST_SIM_HOST=hostB"),
            "lvmpersist stop --ourkey 0xa --vg vg0", List.of(
                    "LVMPERSIST_SIM_HOST=hostA lvmpersist start --ourkey 0xa --vg vg0", "export LVMPERSIST_SIM_HOST=hostA"));

    private static final Pattern EXIT = Pattern.compile("#\\s*exit (\\d+)\\b");
    private static final Set<String> PROGRAMS = Set.of("lvmpersist", "export", "unset", "bash", "sh", "tar", "cd");

    @TempDir
    Path tmp;

    private final Set<Skip> used = new HashSet<>();

    /** A quoted command line: its document, 1-based line, text and block number. */
    record Quoted(String document, int line, String text, int block) {
    }

    static List<String> documents() throws IOException {
        List<String> names = new ArrayList<>(List.of("README.md"));
        try (Stream<Path> docs = Files.list(RepoFiles.docs())) {
            docs.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().forEach(names::add);
        }
        return names;
    }

    static Path file(String document) {
        return document.equals("README.md") ? RepoFiles.root().resolve(document) : RepoFiles.docs().resolve(document);
    }

    /**
     * The command lines of the ```sh/```bash/```shell blocks and of the indented code blocks (after a blank
     * line, not inside a list item). In an indented block only lines that start like a command count: the
     * others quote output or messages.
     */
    static List<Quoted> quotedCommands(String document) throws IOException {
        List<String> lines = Files.readString(file(document)).lines().toList();
        List<Quoted> quoted = new ArrayList<>();
        String fence = null;
        int block = 0;
        boolean indented = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                if (fence == null) {
                    fence = line.substring(3).trim();
                    block++;
                } else {
                    fence = null;
                }
                continue;
            }
            if (fence != null) {
                if (Set.of("sh", "bash", "shell").contains(fence) && !line.isBlank() && !line.trim().startsWith("#")) {
                    quoted.add(new Quoted(document, i + 1, line.trim(), block));
                }
                continue;
            }
            boolean code = line.startsWith("    ") && !line.isBlank();
            if (code && !indented) {
                String before = i > 0 ? lines.get(i - 1) : "";
                String paragraph = i > 1 ? lines.get(i - 2) : "";
                indented = before.isBlank() && !paragraph.matches("\\s*([-*]|\\d+\\.) .*") && !paragraph.startsWith("  ");
                block++;
            } else if (!code && !line.isBlank()) {
                indented = false;
            }
            if (indented && code && looksLikeACommand(line.trim())) {
                quoted.add(new Quoted(document, i + 1, line.trim(), block));
            }
        }
        return quoted;
    }

    private static boolean looksLikeACommand(String line) {
        String[] words = line.split("\\s+");
        int i = 0;
        while (i < words.length - 1 && words[i].matches("[A-Z_][A-Z0-9_]*=\\S*")) {
            i++;
        }
        return PROGRAMS.contains(words[i]) || words[i].contains("/") && !words[i].startsWith("/");
    }

    private Skip skipFor(Quoted q) {
        for (Skip skip : SKIPPED) {
            if (skip.document().equals(q.document()) && q.text().startsWith(skip.line())) {
                used.add(skip);
                return skip;
            }
        }
        return null;
    }

    @TestFactory
    Stream<DynamicTest> everyQuotedCommandLineRunsOrIsListedAsSkipped() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String document : documents()) {
            List<Quoted> quoted = quotedCommands(document);
            if (!quoted.isEmpty()) {
                tests.add(DynamicTest.dynamicTest(document, () -> runDocument(document, quoted)));
            }
        }
        tests.add(DynamicTest.dynamicTest("every skip is still needed", () -> {
            for (Skip skip : SKIPPED) {
                boolean quotedSomewhere = quotedCommands(skip.document()).stream()
                        .anyMatch(q -> q.text().startsWith(skip.line()));
                assertTrue(quotedSomewhere, "stale skip: " + skip);
            }
        }));
        return tests.stream();
    }

    private void runDocument(String document, List<Quoted> quoted) throws IOException {
        DocsExamplesTest.Session session = null;
        int block = -1;
        for (Quoted q : quoted) {
            String where = document + ":" + q.line() + ": " + q.text();
            if (skipFor(q) != null) {
                continue;
            }
            assertTrue(looksLikeACommand(q.text()) && (q.text().startsWith("lvmpersist ") || q.text().startsWith("export ")
                    || q.text().matches("([A-Z_][A-Z0-9_]*=\\S* )+lvmpersist .*")),
                    where + ": neither runnable here (lvmpersist, export, VAR=...) nor listed in SKIPPED with a reason");
            Path dir = Files.createDirectories(tmp.resolve(document + "-" + q.line()));
            List<String> setUp = document.equals("README.md") ? README_USE.get(q.text().replaceFirst("\\s+#.*$", "")) : null;
            if (setUp != null) {
                session = new DocsExamplesTest.Session(dir);
                run(session, "export LVMPERSIST_SIM=/tmp/use.state", where);
                run(session, "lvmpersist sim create-vg vg0 --pvs 2", where);
                for (String step : setUp) {
                    run(session, step, where);
                }
                block = -1;
            } else if (q.block() != block) {
                session = new DocsExamplesTest.Session(dir);
                block = q.block();
            }
            Matcher exit = EXIT.matcher(q.text());
            int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
            DocsExamplesTest.Output output = session.run(q.text(), where);
            assertEquals(expected, output.code(), where + " exits " + output.code() + " but the document says "
                    + (expected == 0 ? "nothing (so 0)" : "exit " + expected) + ":\n" + output.text());
        }
    }

    private static void run(DocsExamplesTest.Session session, String command, String where) {
        DocsExamplesTest.Output output = session.run(command, where + " (set-up: " + command + ")");
        assertEquals(0, output.code(), where + " set-up '" + command + "' failed:\n" + output.text());
    }

    /** Console blocks are DocsExamplesTest's: it must run every document that has one. */
    @Test
    void everyDocumentWithConsoleExamplesIsRunByDocsExamplesTest() throws IOException {
        List<String> withConsole = new ArrayList<>();
        for (String document : documents()) {
            if (Files.readString(file(document)).contains("```console")) {
                withConsole.add(document);
            }
        }
        if (Files.readString(RepoFiles.docs().resolve("man/lvmpersist.adoc")).contains("[source,console]")) {
            withConsole.add("man/lvmpersist.adoc");
        }
        assertTrue(withConsole.size() >= 5, withConsole.toString());
        for (String document : withConsole) {
            assertTrue(DocsExamplesTest.DOCUMENTS.contains(document), document + " has console examples that no test runs");
        }
    }
}
