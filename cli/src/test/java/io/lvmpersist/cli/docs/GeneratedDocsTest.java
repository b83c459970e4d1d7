package io.lvmpersist.cli.docs;

import org.junit.jupiter.api.Test;
import picocli.AutoComplete;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The man page parts and the bash completion are generated from the picocli model; the checked-in
 * copies must match what the current model generates, so --help, the man page and completion never drift.
 */
class GeneratedDocsTest {
    static final String REGENERATE = "regenerate with: mvn -B -ntp -pl cli verify -Dlvmpersist.regenerate=true";

    static final Path COMPLETION = RepoFiles.root()
            .resolve("cli/src/main/dist/share/bash-completion/completions/lvmpersist");
    /** The hand-written end of the completion script: values the model cannot know (device paths, VG names). */
    static final Path COMPLETION_VALUES = RepoFiles.root().resolve("cli/src/completion/values.bash");
    static final Path MAN_GENERATED = RepoFiles.docs().resolve("man/generated");
    /** The usage texts QuickAnswers prints for --help without building the model. */
    static final Path HELP_TEXTS = RepoFiles.root().resolve("cli/src/main/resources/io/lvmpersist/cli/help");
    /** Written by the build (exec-maven-plugin runs picocli's ManPageGenerator in process-test-classes). */
    static final Path MAN_BUILT = Path.of("target/generated-docs/man");

    @Test
    void bashCompletionMatchesTheCommandModel() throws IOException {
        String generated = AutoComplete.bash("lvmpersist", DocsFactory.commandLine()) + Files.readString(COMPLETION_VALUES);
        if (RepoFiles.regenerate()) {
            Files.createDirectories(COMPLETION.getParent());
            Files.writeString(COMPLETION, generated);
        }
        assertTrue(Files.exists(COMPLETION), COMPLETION + " is missing; " + REGENERATE);
        assertEquals(generated, Files.readString(COMPLETION),
                "the bash completion is out of date with the command model; " + REGENERATE);
        assertTrue(generated.contains("complete -F _complete_lvmpersist"), "completion registers for lvmpersist");
        for (String command : List.of("start", "stop", "remove", "clear", "devtest", "check-key", "read-keys",
                "read-reservation", "read", "sim", "create-vg", "--ourkey", "--removekey", "--vg", "--json")) {
            assertTrue(generated.contains(command), "completion knows " + command);
        }
    }

    /** What bash offers after the words typed so far (the completion function run as bash runs it). */
    private static String complete(String line) throws Exception {
        String script = "source '" + COMPLETION + "' 2>/dev/null; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE};"
                + " read -ra COMP_WORDS <<< \"$COMP_LINE\"; COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));"
                + " _complete_lvmpersist 2>/dev/null; echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    /**
     * What bash offers for the last of {@code words} (the word being completed, "" after a space), with
     * {@code path} in front of PATH.
     */
    private static List<String> completeWords(Path path, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append(" '").append(word).append("'");
        }
        String script = "source '" + COMPLETION + "' 2>/dev/null; COMP_WORDS=(" + array + "); COMP_CWORD="
                + (words.length - 1) + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE};"
                + " complete -p lvmpersist | grep -q _complete_lvmpersist_with_values || echo NOT-REGISTERED;"
                + " _complete_lvmpersist_with_values 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        builder.environment().put("PATH", path + ":" + System.getenv("PATH"));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void bashCompletesAccessAndTheAcceptedTypes(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertEquals(List.of("ex", "sh"), completeWords(dir, "lvmpersist", "start", "--access", ""));
        assertEquals(List.of("sh"), completeWords(dir, "lvmpersist", "read", "--vg", "v", "--access", "s"));
        assertEquals(List.of("WE", "EA", "WEAR", "EAAR"), completeWords(dir, "lvmpersist", "devtest", "--prtype", ""));
        assertEquals(List.of("EA", "EAAR"), completeWords(dir, "lvmpersist", "start", "--prtype", "E"));
        // The other options and the commands still come from picocli's part.
        assertEquals(List.of("--ourkey"), completeWords(dir, "lvmpersist", "start", "--our"));
        assertEquals(List.of("start", "stop"), completeWords(dir, "lvmpersist", "st"));
    }

    @Test
    void bashCompletesDevicePaths(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("disk-a"));
        Files.createFile(dir.resolve("disk-b"));
        Files.createDirectory(dir.resolve("by-id"));
        String prefix = dir + "/disk-";
        assertEquals(List.of(prefix + "a", prefix + "b"), completeWords(dir, "lvmpersist", "read", "--device", prefix));
        assertEquals(List.of(dir + "/by-id"), completeWords(dir, "lvmpersist", "start", "--device", dir + "/by"));
        // Nothing typed: devices under /dev, where only block devices and directories are offered.
        List<String> dev = completeWords(dir, "lvmpersist", "read", "--device", "");
        assertTrue(dev.stream().allMatch(p -> p.startsWith("/dev/")), dev.toString());
        assertTrue(dev.stream().noneMatch(p -> p.equals("/dev/null")), "no character devices: " + dev);
        if (Files.isDirectory(Path.of("/dev/mapper"))) {
            assertTrue(dev.contains("/dev/mapper"), dev.toString());
        }
    }

    @Test
    void bashCompletesVgNamesFromLvm(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path vgs = dir.resolve("vgs");
        Files.writeString(vgs, "#!/bin/sh\n[ \"$*\" = '-o vg_name --noheadings' ] || exit 9\n"
                + "echo '  vg0'; echo '  vgdata'; echo '  other'; echo 'a warning' >&2\n");
        assertTrue(vgs.toFile().setExecutable(true));
        assertEquals(List.of("vg0", "vgdata"), completeWords(dir, "lvmpersist", "start", "--vg", "vg"));
        assertEquals(List.of("other"), completeWords(dir, "lvmpersist", "read", "--vg", "o"));
    }

    @Test
    void bashCompletesCommandsSubcommandsAndOptions() throws Exception {
        assertEquals("start stop", complete("lvmpersist st"));
        assertEquals("--ourkey", complete("lvmpersist start --our"));
        assertEquals("create-vg", complete("lvmpersist sim cr"));
        assertEquals("read-keys read-reservation read", complete("lvmpersist rea"));
    }

    /** Every command's usage text, as picocli renders it from the model, named lvmpersist-sim-fault.txt etc. */
    static java.util.Map<String, String> helpTexts() {
        java.util.Map<String, String> texts = new java.util.TreeMap<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(List.of(DocsFactory.commandLine()));
        while (!todo.isEmpty()) {
            picocli.CommandLine cl = todo.pop();
            texts.put(cl.getCommandSpec().qualifiedName("-") + ".txt", cl.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF));
            todo.addAll(cl.getSubcommands().values());
        }
        return texts;
    }

    @Test
    void helpTextsMatchTheCommandModel() throws IOException {
        java.util.Map<String, String> texts = helpTexts();
        if (RepoFiles.regenerate()) {
            Files.createDirectories(HELP_TEXTS);
            for (String name : names(HELP_TEXTS, ".txt")) {
                Files.delete(HELP_TEXTS.resolve(name));
            }
            for (var text : texts.entrySet()) {
                Files.writeString(HELP_TEXTS.resolve(text.getKey()), text.getValue());
            }
        }
        assertEquals(texts.keySet(), names(HELP_TEXTS, ".txt"),
                "the help texts in " + HELP_TEXTS + " are not the commands of the model; " + REGENERATE);
        for (var text : texts.entrySet()) {
            assertEquals(text.getValue(), Files.readString(HELP_TEXTS.resolve(text.getKey())),
                    text.getKey() + " is out of date with the command model; " + REGENERATE);
        }
        assertTrue(texts.get("lvmpersist-sim-fault.txt").contains("--fail-with=KIND"), "the texts come from the model");
    }

    @Test
    void manPageSourcesMatchTheCommandModel() throws IOException {
        assertTrue(Files.isDirectory(MAN_BUILT),
                MAN_BUILT.toAbsolutePath() + " is missing: run through Maven (process-test-classes generates it)");
        if (RepoFiles.regenerate()) {
            Files.createDirectories(MAN_GENERATED);
            try (Stream<Path> old = Files.list(MAN_GENERATED)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (String name : names(MAN_BUILT)) {
                Files.writeString(MAN_GENERATED.resolve(name), normalized(MAN_BUILT.resolve(name)));
            }
        }
        assertEquals(names(MAN_BUILT), names(MAN_GENERATED),
                "the man page sources in docs/man/generated are not the commands of the model; " + REGENERATE);
        for (String name : names(MAN_BUILT)) {
            assertEquals(normalized(MAN_BUILT.resolve(name)), Files.readString(MAN_GENERATED.resolve(name)),
                    "docs/man/generated/" + name + " is out of date with the command model; " + REGENERATE);
        }
        String start = Files.readString(MAN_GENERATED.resolve("lvmpersist-start.adoc"));
        assertTrue(start.contains("*--ourkey*=_KEY_"), "the options come from the model");
    }

    /** Every generated man page section the hand-written page includes exists in the generated files. */
    @Test
    void theManPageIncludesOnlyExistingGeneratedParts() throws IOException {
        String page = Files.readString(RepoFiles.docs().resolve("man/lvmpersist.adoc"));
        var include = java.util.regex.Pattern.compile("include::\\{includedir}/([^\\[]+)\\[tag=([^,\\]]+)");
        var m = include.matcher(page);
        int includes = 0;
        while (m.find()) {
            includes++;
            Path part = MAN_GENERATED.resolve(m.group(1));
            assertTrue(Files.exists(part), "lvmpersist.adoc includes missing " + part);
            assertTrue(Files.readString(part).contains("// tag::" + m.group(2) + "[]"),
                    part + " has no tag " + m.group(2));
        }
        assertTrue(includes > 10, "the page includes the generated parts");
    }

    private static TreeSet<String> names(Path dir) throws IOException {
        return names(dir, ".adoc");
    }

    private static TreeSet<String> names(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    /** The version lines name the JDK that ran the generator: they are not part of the model. */
    private static String normalized(Path file) throws IOException {
        return Files.readString(file).replaceAll("(?m)^(:revnumber:|:mansource:) .*$", "$1 lvmpersist");
    }
}
