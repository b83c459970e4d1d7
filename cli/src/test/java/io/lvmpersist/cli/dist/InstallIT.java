package io.lvmpersist.cli.dist;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tarball as an admin gets it (failsafe runs this after package): unpack, run the install
 * steps of docs/install.md into a temporary DESTDIR, then run the installed tool from there on
 * the simulated SAN, through the /usr/local/sbin link, as LVM would run /usr/sbin/lvmpersist.
 */
class InstallIT {
    @TempDir
    Path dir;
    Path stage;
    Path tarball;

    @BeforeEach
    void unpackTarball() throws Exception {
        tarball = Path.of(System.getProperty("lvmpersist.tarball", "target/lvmpersist.tar.gz"));
        assertTrue(Files.isRegularFile(tarball), tarball + " is missing: run 'mvn -pl cli verify' (package builds it)");
        stage = dir.resolve("stage");
        Files.copy(tarball, dir.resolve(tarball.getFileName()));
    }

    private ScriptRun bash(String script, Map<String, String> environment) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("LVMPERSIST_SYSLOG", "off");
        return ScriptRun.run(dir, env, List.of("bash", "-euc", script));
    }

    /**
     * The ```sh block after the "<!-- NAME -->" marker in docs/install.md, with /tmp/ standing for
     * this test's directory.
     */
    String docBlock(String marker) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("docs"))) {
            root = root.getParent();
        }
        String doc = Files.readString(root.resolve("docs/install.md"));
        Matcher m = Pattern.compile("<!-- " + marker + " -->\\s*```sh\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertTrue(m.find(), "docs/install.md has no '<!-- " + marker + " -->' sh block");
        return m.group(1).replace("/tmp/", dir + "/");
    }

    private String unpacked() {
        return tarball.getFileName().toString().replace(".tar.gz", "");
    }

    @Test
    void theDocumentedInstallWorksAndTheInstalledToolRuns() throws Exception {
        // An "LVM2 script" at /usr/sbin/lvmpersist: --replace-system must keep it as lvmpersist.lvm2.
        Path system = stage.resolve("usr/sbin/lvmpersist");
        Files.createDirectories(system.getParent());
        Files.writeString(system, "#!/bin/sh\necho lvm2 script\n");

        ScriptRun install = bash(docBlock("install-test"), Map.of("DESTDIR", stage.toString()));
        assertEquals(0, install.code(), install::toString);

        Path home = stage.resolve("usr/local/lib/lvmpersist");
        Path sbin = stage.resolve("usr/local/sbin/lvmpersist");
        assertTrue(Files.isExecutable(home.resolve("bin/lvmpersist")), "launcher installed");
        assertTrue(Files.isSymbolicLink(sbin), "sbin link");
        assertTrue(Files.exists(home.resolve("lib").resolve("cli-" + System.getProperty("lvmpersist.version") + ".jar")),
                "the cli jar is in lib/");
        String man = Files.readString(stage.resolve("usr/local/share/man/man8/lvmpersist.8"));
        assertTrue(man.contains(".TH \"LVMPERSIST\" \"8\""), "a roff man page of section 8");
        assertTrue(man.contains("started vg0 with key 0xa."), "with the examples");
        Path completion = stage.resolve("usr/local/share/bash-completion/completions/lvmpersist");
        ScriptRun completes = bash("source " + completion + " && complete -p lvmpersist", Map.of());
        assertEquals(0, completes.code(), completes::toString);
        assertTrue(completes.out().contains("_complete_lvmpersist"), completes::toString);

        // LVM runs the fixed path /usr/sbin/lvmpersist: now a link to ours; the script is kept.
        assertEquals(Path.of("/usr/local/lib/lvmpersist/bin/lvmpersist"), Files.readSymbolicLink(system));
        assertEquals("#!/bin/sh\necho lvm2 script\n", Files.readString(stage.resolve("usr/sbin/lvmpersist.lvm2")));

        // Run the installed tool, through the link, on a simulated SAN.
        Map<String, String> sim = Map.of("LVMPERSIST_SIM", dir.resolve("san.state").toString(),
                "LVMPERSIST_SIM_HOST", "hostA");
        ScriptRun created = bash(sbin + " sim create-vg vg0 --pvs 2", sim);
        assertEquals(0, created.code(), created::toString);
        ScriptRun started = bash(sbin + " start --ourkey 0xa --vg vg0", sim);
        assertEquals(0, started.code(), started::toString);
        assertEquals("", started.out(), started::toString);
        assertEquals("  lvmpersist: started vg0 with key 0xa.\n", started.err(), started::toString);
        ScriptRun read = bash(sbin + " read --vg vg0", sim);
        assertEquals(0, read.code(), read::toString);
        assertEquals(List.of("Device /dev/sim/vg0/pv1: registered keys: 0xa", "Device /dev/sim/vg0/pv2: registered keys: 0xa",
                "Device /dev/sim/vg0/pv1: reservation: WE holder 0xa", "Device /dev/sim/vg0/pv2: reservation: WE holder 0xa"),
                read.out().lines().toList(), read::toString);
        ScriptRun conflict = bash(sbin + " start --ourkey 0xb --vg vg0", Map.of("LVMPERSIST_SIM", dir.resolve("san.state").toString(),
                "LVMPERSIST_SIM_HOST", "hostB"));
        assertEquals(3, conflict.code(), "exit codes reach the caller: " + conflict);

        // The check steps of the docs, with the installed sbin on PATH.
        ScriptRun check = bash(docBlock("check-test"), Map.of("PATH", stage.resolve("usr/local/sbin") + ":"
                + System.getenv("PATH")));
        assertEquals(0, check.code(), check::toString);
        assertTrue(check.out().startsWith("lvmpersist " + System.getProperty("lvmpersist.version") + " (Java "),
                check::toString);
        assertTrue(check.err().endsWith("  lvmpersist: started vg0 with key 0xa.\n"), check::toString);
    }

    @Test
    void thePackageStagingStepOfTheDocsInstallsUnderUsr() throws Exception {
        ScriptRun untar = bash("tar -xzf " + tarball.getFileName(), Map.of());
        assertEquals(0, untar.code(), untar::toString);
        ScriptRun staged = bash("cd " + unpacked() + " && " + docBlock("package-test"), Map.of());
        assertEquals(0, staged.code(), staged::toString);
        Path pkgroot = dir.resolve("pkgroot");
        assertTrue(Files.isExecutable(pkgroot.resolve("usr/lib/lvmpersist/bin/lvmpersist")), staged::toString);
        assertEquals(Path.of("/usr/lib/lvmpersist/bin/lvmpersist"),
                Files.readSymbolicLink(pkgroot.resolve("usr/sbin/lvmpersist")));
        assertTrue(Files.exists(pkgroot.resolve("usr/share/man/man8/lvmpersist.8")));
    }

    @Test
    void aPrefixOfUsrNeverOverwritesLvm2sScriptUnasked() throws Exception {
        Path system = stage.resolve("usr/sbin/lvmpersist");
        Files.createDirectories(system.getParent());
        Files.writeString(system, "lvm2\n");
        ScriptRun untar = bash("tar -xzf " + tarball.getFileName(), Map.of());
        assertEquals(0, untar.code(), untar::toString);
        ScriptRun refused = bash(unpacked() + "/install.sh --prefix /usr", Map.of("DESTDIR", stage.toString()));
        assertEquals(2, refused.code(), refused::toString);
        assertEquals("lvm2\n", Files.readString(system));
        ScriptRun replaced = bash(unpacked() + "/install.sh --prefix /usr --replace-system", Map.of("DESTDIR", stage.toString()));
        assertEquals(0, replaced.code(), replaced::toString);
        assertEquals("lvm2\n", Files.readString(stage.resolve("usr/sbin/lvmpersist.lvm2")));
        ScriptRun removed = bash(unpacked() + "/install.sh --prefix /usr --uninstall", Map.of("DESTDIR", stage.toString()));
        assertEquals(0, removed.code(), removed::toString);
        assertEquals("lvm2\n", Files.readString(system), "LVM2's script is back in place");
    }

    @Test
    void uninstallRemovesEverythingAndRestoresLvm2sScript() throws Exception {
        Path system = stage.resolve("usr/sbin/lvmpersist");
        Files.createDirectories(system.getParent());
        Files.writeString(system, "lvm2\n");
        ScriptRun install = bash(docBlock("install-test"), Map.of("DESTDIR", stage.toString()));
        assertEquals(0, install.code(), install::toString);
        ScriptRun uninstall = bash("cd " + unpacked() + " && " + docBlock("uninstall-test"), Map.of("DESTDIR", stage.toString()));
        assertEquals(0, uninstall.code(), uninstall::toString);
        assertEquals("lvm2\n", Files.readString(system), "LVM2's script is back");
        assertFalse(Files.exists(stage.resolve("usr/sbin/lvmpersist.lvm2")));
        List<Path> left = new ArrayList<>();
        try (var files = Files.walk(stage.resolve("usr/local"))) {
            files.filter(Files::isRegularFile).forEach(left::add);
        }
        assertEquals(List.of(), left, "nothing of lvmpersist is left under /usr/local");
    }

    /** A path a text cites: relative (bin/..., share/..., cli.md, docs/x.md), not an absolute install path. */
    private static final Pattern CITED = Pattern.compile(
            "(?<![\\w/.*{}$-])((?:[\\w.-]+/)*[\\w-]+\\.(?:md|sh|json|8)|(?:bin|lib|share|docs|\\.ci)/[\\w./-]*)");

    /**
     * The README, install.sh and the man page of the tarball cite only what the tarball holds (a bare file
     * name such as cli.md: in share/doc/lvmpersist/), and the shipped docs' relative links resolve in it.
     */
    @Test
    void everyPathTheShippedTextsCiteIsInTheTarball() throws Exception {
        ScriptRun untar = bash("tar -xzf " + tarball.getFileName(), Map.of());
        assertEquals(0, untar.code(), untar::toString);
        Path top = dir.resolve(unpacked());
        Path docs = top.resolve("share/doc/lvmpersist");
        List<String> missing = new ArrayList<>();
        int cited = 0;
        for (String text : List.of("README.md", "install.sh", "share/man/man8/lvmpersist.8")) {
            // roff escapes: \- is a hyphen, \& and \fB/\fP are invisible.
            String body = Files.readString(top.resolve(text)).replace("\\-", "-").replace("\\&", "")
                    .replaceAll("\\\\f[BIPR]", "");
            Matcher m = CITED.matcher(body);
            while (m.find()) {
                String path = m.group(1).replaceAll("[.]$", "");
                cited++;
                boolean found = Files.exists(top.resolve(path)) || !path.contains("/") && Files.exists(docs.resolve(path))
                        || path.startsWith("runtime/"); // only in a tarball built with -Pjlink, as the texts say
                if (!found) {
                    missing.add(text + " cites " + path);
                }
            }
        }
        assertTrue(cited > 20, "the texts cite the tarball's files (" + cited + ")");
        assertTrue(Files.readString(top.resolve("share/man/man8/lvmpersist.8")).contains("share/doc/lvmpersist"),
                "the man page says where the docs are");
        try (var shipped = Files.list(docs)) {
            for (Path doc : shipped.filter(p -> p.toString().endsWith(".md")).toList()) {
                Matcher link = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)").matcher(Files.readString(doc));
                while (link.find()) {
                    if (!Files.exists(doc.getParent().resolve(link.group(1)))) {
                        missing.add(doc.getFileName() + " links to " + link.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "paths the shipped texts cite but the tarball lacks");
        assertFalse(Files.readString(top.resolve("README.md")).contains(".ci/"), "the tarball's own README");
    }

    @Test
    void anUnknownOptionIsAUsageError() throws Exception {
        ScriptRun untar = bash("tar -xzf " + tarball.getFileName(), Map.of());
        assertEquals(0, untar.code(), untar::toString);
        ScriptRun wrong = bash(unpacked() + "/install.sh --prefx /opt", Map.of("DESTDIR", stage.toString()));
        assertEquals(2, wrong.code(), wrong::toString);
        assertFalse(Files.exists(stage), "nothing was installed");
    }
}
