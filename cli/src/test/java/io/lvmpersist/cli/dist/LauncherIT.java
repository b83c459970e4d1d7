package io.lvmpersist.cli.dist;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher script (bin/lvmpersist of the built dist, run by /bin/sh as installed): found through a
 * symlink and through PATH, skips a JDK older than 22, and passes the AOT cache only to the runtime
 * that made it.
 */
class LauncherIT {
    @TempDir
    Path dir;
    Path dist;

    @BeforeEach
    void copyDist() throws IOException {
        Path built = Path.of(System.getProperty("lvmpersist.dist", "target/dist"));
        assertTrue(Files.isExecutable(built.resolve("bin/lvmpersist")), built + " is missing: run 'mvn -pl cli package'");
        dist = dir.resolve("dist");
        try (Stream<Path> files = Files.walk(built)) {
            for (Path from : files.toList()) {
                Path to = dist.resolve(built.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private ScriptRun sh(String script, Map<String, String> environment) throws Exception {
        return ScriptRun.run(dir, environment, List.of("/bin/sh", "-c", script));
    }

    /** The JVM's command-line flags as the launcher set them, from -XX:+PrintCommandLineFlags. */
    private String flags(String command, Map<String, String> environment) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags");
        ScriptRun run = sh(command + " --version", env);
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("lvmpersist "), run::toString);
        return run.out();
    }

    @Test
    void runsThroughASymlinkAndThroughPath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("sbin"));
        Files.createSymbolicLink(bin.resolve("lvmpersist"), dist.resolve("bin/lvmpersist"));
        ScriptRun linked = sh("cd / && " + bin.resolve("lvmpersist") + " --version", Map.of());
        assertEquals(0, linked.code(), linked::toString);
        assertTrue(linked.out().startsWith("lvmpersist "), linked::toString);
        ScriptRun onPath = sh("cd / && PATH=" + bin + ":$PATH lvmpersist --version", Map.of());
        assertEquals(0, onPath.code(), onPath::toString);
        assertTrue(onPath.out().startsWith("lvmpersist "), onPath::toString);
    }

    @Test
    void aJdkOlderThan22IsSkipped() throws Exception {
        Path old = Files.createDirectories(dir.resolve("jdk17/bin"));
        Files.writeString(old.resolve("java"), "#!/bin/sh\necho 'the old JDK ran' >&2\nexit 9\n");
        assertTrue(old.resolve("java").toFile().setExecutable(true));
        Files.writeString(dir.resolve("jdk17/release"), "JAVA_VERSION=\"17.0.9\"\n");
        ScriptRun run = sh(dist.resolve("bin/lvmpersist") + " --version",
                Map.of("LVMPERSIST_JAVA_HOME", dir.resolve("jdk17").toString()));
        assertEquals(0, run.code(), run::toString);
        assertFalse(run.err().contains("the old JDK ran"), run::toString);
    }

    @Test
    void theAotCacheIsPassedOnlyToTheRuntimeThatMadeIt() throws Exception {
        Path stamp = dist.resolve("lib/lvmpersist.aot.jdk");
        assumeTrue(Files.exists(stamp), "no AOT cache in this build (JDK < 25 or -Daot.skip)");
        String launcher = dist.resolve("bin/lvmpersist").toString();
        assertTrue(flags(launcher, Map.of()).contains("-XX:AOTCache=" + dist.resolve("bin/../lib/lvmpersist.aot")),
                "the runtime that made the cache gets it");

        List<String> lines = Files.readAllLines(stamp);
        for (int i = 0; i < lines.size(); i++) {
            List<String> wrong = new java.util.ArrayList<>(lines);
            wrong.set(i, lines.get(i).replace("\"", "\"x"));
            Files.write(stamp, wrong);
            assertFalse(flags(launcher, Map.of()).contains("AOTCache"), "a different " + lines.get(i));
        }
        Files.writeString(stamp, "");
        assertFalse(flags(launcher, Map.of()).contains("AOTCache"), "an empty stamp names no runtime");
        Files.delete(stamp);
        assertFalse(flags(launcher, Map.of()).contains("AOTCache"), "no stamp");
    }
}
