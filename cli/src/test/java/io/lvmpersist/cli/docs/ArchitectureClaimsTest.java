package io.lvmpersist.cli.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/architecture.md and the root pom.xml say what the code does. */
class ArchitectureClaimsTest {
    /**
     * Classes outside io.lvmpersist.cli.sim that still import transport-sim: none since DeviceSet lists a simulated
     * VG's PVs through the SPI (Transports.volumeGroupMembers, issue 14 item 8).
     */
    private static final Set<String> NOT_YET_BEHIND_THE_SPI = Set.of();

    @Test
    void onlyTheSimAdminCommandImportsATransport() throws IOException {
        Path sources = RepoFiles.root().resolve("cli/src/main/java");
        Pattern transportImport = Pattern.compile("(?m)^import (static )?io\\.lvmpersist\\.transport\\.(sim|sgio|nvme)\\.");
        Set<String> outside = new TreeSet<>();
        Set<String> sim = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = transportImport.matcher(Files.readString(file));
                if (!m.find()) {
                    continue;
                }
                String name = sources.relativize(file).toString();
                boolean inSim = name.startsWith("io/lvmpersist/cli/sim/") && m.group(2).equals("sim");
                (inSim ? sim : outside).add(name);
            }
        }
        assertEquals(NOT_YET_BEHIND_THE_SPI, outside, "cli code outside cli.sim imports a transport, but"
                + " docs/architecture.md says PR commands reach transports only through the SPI");
        assertTrue(sim.size() > 3, "the sim admin command uses SimSan, as docs/architecture.md says: " + sim);
        String architecture = Files.readString(RepoFiles.docs().resolve("architecture.md"));
        assertTrue(architecture.contains("`io.lvmpersist.cli.sim`"), "architecture.md names the exception");
    }

    /** Properties that set fewer tries than the pom's default are the ones its comment names. */
    @Test
    void thePomNamesEveryPropertyThatRunsFewerTries() throws IOException {
        String pom = Files.readString(RepoFiles.root().resolve("pom.xml"));
        Matcher tries = Pattern.compile("<jqwik.tries>(\\d+)</jqwik.tries>").matcher(pom);
        assertTrue(tries.find(), "the pom sets jqwik.tries");
        int standard = Integer.parseInt(tries.group(1));
        Pattern property = Pattern.compile("@Property\\([^)]*tries = (\\d+)[^)]*\\)\\s+(?:@\\w+(?:\\([^)]*\\))?\\s+)*void (\\w+)");
        List<String> modules = List.of("transport-api", "transport-sgio", "transport-nvme", "transport-sim", "cli");
        int fewer = 0;
        for (String module : modules) {
            Path tests = RepoFiles.root().resolve(module).resolve("src/test/java");
            if (!Files.isDirectory(tests)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(tests)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = property.matcher(Files.readString(file));
                    while (m.find()) {
                        if (Integer.parseInt(m.group(1)) < standard) {
                            fewer++;
                            String name = file.getFileName().toString().replace(".java", "") + "#" + m.group(2)
                                    + " (" + m.group(1) + ":";
                            assertTrue(pom.contains(name), "pom.xml's jqwik.tries comment must name " + name + " ...)");
                        }
                    }
                }
            }
        }
        assertTrue(fewer > 0 || !pom.contains("except"), "the pom names exceptions that no longer exist");
    }
}
