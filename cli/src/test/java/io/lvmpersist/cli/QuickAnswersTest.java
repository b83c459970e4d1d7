package io.lvmpersist.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --version and --help are answered without picocli's model, with exactly the text picocli prints. */
class QuickAnswersTest {
    private static CommandLine model() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return new Cli(Map.of(), sink, sink).commandLine();
    }

    @Test
    void everyPlainHelpRequestPrintsPicocliUsageText() {
        CommandLine root = model();
        Map<List<String>, CommandLine> requests = Map.of(
                List.of(), root, List.of("--help"), root, List.of("-h"), root, List.of("help"), root,
                List.of("start", "--help"), root.getSubcommands().get("start"),
                List.of("help", "check-key"), root.getSubcommands().get("check-key"),
                List.of("read", "-h"), root.getSubcommands().get("read"),
                List.of("sim", "--help"), root.getSubcommands().get("sim"),
                List.of("sim", "fault", "--help"), root.getSubcommands().get("sim").getSubcommands().get("fault"));
        for (var request : requests.entrySet()) {
            String[] args = request.getKey().toArray(String[]::new);
            assertTrue(QuickAnswers.helpText(args) != null, request.getKey() + " is answered quickly");
            CliRun.Result result = CliRun.withEnvironment().run(args);
            assertEquals(ExitCode.OK, result.code(), result::toString);
            assertEquals(request.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF), result.out(),
                    request.getKey().toString());
        }
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        for (List<String> args : List.of(List.of("start", "--he"), List.of("read", "--help", "--vg", "x"),
                List.of("help", "sim", "fault"), List.of("start", "../../x", "--help"), List.of("nosuch", "--help"))) {
            assertNull(QuickAnswers.helpText(args.toArray(String[]::new)), args.toString());
        }
        CliRun.Result abbreviated = CliRun.withEnvironment().run("start", "--he");
        assertEquals(ExitCode.OK, abbreviated.code(), abbreviated::toString);
        assertEquals(model().getSubcommands().get("start").getUsageMessage(CommandLine.Help.Ansi.OFF), abbreviated.out());
    }

    @Test
    void versionIsPicocliVersionText() {
        String picocli = String.join("\n", model().getCommandSpec().version()) + "\n";
        assertEquals(picocli, CliRun.withEnvironment().run("--version").out());
        assertEquals(picocli, CliRun.withEnvironment().run("-V").out());
    }

    /** The point of it: a whole process answers without building any command's model (no CommandSpec class loaded). */
    @Test
    void aProcessAnswersWithoutBuildingTheModel() throws Exception {
        for (List<String> args : List.of(List.of("--version"), List.of("--help"), List.of("sim", "fault", "--help"))) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xlog:class+load=info:stdout", "-cp", System.getProperty("java.class.path"), "io.lvmpersist.cli.Main"));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertFalse(out.contains("picocli.CommandLine$Model$CommandSpec "), args + " built picocli's model");
        }
    }
}
