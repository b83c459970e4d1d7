package io.lvmpersist.cli.docs;

import io.lvmpersist.cli.Cli;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every console example of the documentation on the simulated SAN, in order, one shell-like
 * session per document, through the in-process CLI (the code the launcher runs), and checks the
 * output shown. A command that fails must be followed by {@code $ echo $?} showing its status,
 * so no example hides a failure. {@code ...} in shown output stands for any lines.
 * Paths under {@code /tmp/} are redirected to a temporary directory.
 */
class DocsExamplesTest {
    /** The documents whose examples are run (the install steps are run by InstallIT). */
    static final List<String> DOCUMENTS = List.of("user-guide.md", "architecture.md", "json.md", "comparison.md",
            "cli.md", "man/lvmpersist.adoc");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyExampleRuns() {
        return DOCUMENTS.stream().map(name -> DynamicTest.dynamicTest(name, () -> runDocument(name)));
    }

    private void runDocument(String name) throws IOException {
        Path file = RepoFiles.docs().resolve(name);
        List<ConsoleBlocks.Step> steps = ConsoleBlocks.parse(Files.readString(file), name.endsWith(".adoc"));
        Path dir = Files.createDirectories(tmp.resolve(name.replace('/', '_')));
        Session session = new Session(dir);
        for (int i = 0; i < steps.size(); i++) {
            ConsoleBlocks.Step step = steps.get(i);
            String where = "docs/" + name + ":" + step.line() + ": $ " + step.command();
            Output output = session.run(step.command(), where);
            if (!step.hidden()) {
                assertMatches(step.expected(), output.lines(dir), where);
            }
            boolean statusShown = i + 1 < steps.size() && steps.get(i + 1).command().equals("echo $?");
            if (output.code() != 0 && !statusShown) {
                fail(where + " exited " + output.code() + " but the document does not show it (add '$ echo $?'):\n"
                        + output.text());
            }
        }
        if (!name.equals("architecture.md") && !name.equals("cli.md")) {
            assertTrue(steps.stream().filter(s -> !s.hidden()).count() >= 3, name + " shows runnable examples");
        }
    }

    /** The relative links of the guide's pages lead to files that exist. */
    @TestFactory
    Stream<DynamicTest> relativeLinksResolve() {
        return Stream.of("user-guide.md", "architecture.md", "json.md", "comparison.md", "install.md", "cli.md")
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    Path file = RepoFiles.docs().resolve(name);
                    var link = java.util.regex.Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)").matcher(Files.readString(file));
                    while (link.find()) {
                        assertTrue(Files.exists(file.getParent().resolve(link.group(1))),
                                "docs/" + name + " links to missing " + link.group(1));
                    }
                }));
    }

    static void assertMatches(List<String> expected, List<String> actual, String where) {
        if (!matches(expected, 0, actual, 0)) {
            assertEquals(String.join("\n", expected), String.join("\n", actual),
                    where + ": the output differs from the document");
        }
    }

    /** Line by line; "..." matches any number of lines. */
    private static boolean matches(List<String> expected, int e, List<String> actual, int a) {
        if (e == expected.size()) {
            return a == actual.size();
        }
        if (expected.get(e).equals("...")) {
            for (int skip = a; skip <= actual.size(); skip++) {
                if (matches(expected, e + 1, actual, skip)) {
                    return true;
                }
            }
            return false;
        }
        return a < actual.size() && expected.get(e).equals(actual.get(a)) && matches(expected, e + 1, actual, a + 1);
    }

    record Output(int code, String text) {
        List<String> lines(Path dir) {
            return text.replace(dir.toString(), "/tmp").lines().toList();
        }
    }

    /** A tiny shell: export/unset, VAR=value prefixes, lvmpersist, echo $?. Nothing else is allowed. */
    static final class Session {
        private final Path dir;
        private final Map<String, String> environment = new HashMap<>(Map.of("LVMPERSIST_SYSLOG", "off"));
        private int lastCode;

        Session(Path dir) {
            this.dir = dir;
        }

        Output run(String commandLine, String where) {
            List<String> words = new ArrayList<>();
            for (String word : commandLine.replaceFirst("\\s+#.*$", "").trim().split("\\s+")) {
                words.add(word.replace("/tmp/", dir + "/"));
            }
            if (words.equals(List.of("echo", "$?"))) {
                String shown = lastCode + "\n";
                lastCode = 0;
                return new Output(0, shown);
            }
            if (words.getFirst().equals("export") || words.getFirst().equals("unset")) {
                for (String assignment : words.subList(1, words.size())) {
                    if (words.getFirst().equals("unset")) {
                        environment.remove(assignment);
                    } else {
                        String[] kv = assignment.split("=", 2);
                        environment.put(kv[0], kv[1]);
                    }
                }
                return new Output(0, "");
            }
            Map<String, String> env = new HashMap<>(environment);
            int i = 0;
            while (i < words.size() && words.get(i).matches("[A-Z_][A-Z0-9_]*=.*")) {
                String[] kv = words.get(i++).split("=", 2);
                env.put(kv[0], kv[1]);
            }
            if (i >= words.size() || !words.get(i).equals("lvmpersist")) {
                throw new AssertionError(where + ": the docs test runs only lvmpersist, export, unset and echo $?");
            }
            StringWriter terminal = new StringWriter();
            PrintWriter both = new PrintWriter(terminal);
            lastCode = new Cli(env, both, both).run(words.subList(i + 1, words.size()).toArray(String[]::new));
            both.flush();
            return new Output(lastCode, terminal.toString());
        }
    }
}
