package io.lvmpersist.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VM tests' one-JVM command runner must give each command exactly what a separate run gives. */
class VmCommandServerTest {
    @TempDir
    Path dir;

    private final List<String> requests = new ArrayList<>();
    private int n;

    /** Queues one request; returns the [stdout, stderr] files it will write. */
    private Path[] request(int timeout, Map<String, String> env, String... args) {
        Path out = dir.resolve("out" + n);
        Path err = dir.resolve("err" + n++);
        StringBuilder line = new StringBuilder(out + "\t" + err + "\t" + timeout);
        env.forEach((name, value) -> line.append('\t').append(name).append('=').append(value));
        line.append("\t--");
        for (String arg : args) {
            line.append('\t').append(arg);
        }
        requests.add(line.toString());
        return new Path[] {out, err};
    }

    private List<String> serve() throws IOException {
        ByteArrayOutputStream answers = new ByteArrayOutputStream();
        VmCommandServer.serve(new BufferedReader(new StringReader(String.join("\n", requests) + "\n")),
                new PrintStream(answers, true, StandardCharsets.UTF_8), Map.of("LVMPERSIST_SYSLOG", "off"));
        return answers.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void everyCommandGetsTheExitCodeAndOutputOfASeparateRun() throws IOException {
        String[][] script = {
            {"sim", "create-vg", "vg0", "--pvs", "2"},
            {"start", "--ourkey", "0xa", "--vg", "vg0"},
            {"read", "--vg", "vg0"},
            {"start", "--ourkey", "0xb", "--vg", "vg0", "--sim-host", "hostB"},  // conflict: 3
            {"read", "--vg", "vg0", "--json"},
            {"start", "--ourkey", "0xq", "--vg", "vg0"},                          // usage error: 2
        };
        Path served = dir.resolve("served.state");
        List<Path[]> files = new ArrayList<>();
        for (String[] args : script) {
            files.add(request(60, Map.of("LVMPERSIST_SIM", served.toString(), "LVMPERSIST_SIM_HOST", "hostA"), args));
        }
        List<String> answers = serve();

        CliRun separate = CliRun.simulated(dir.resolve("separate.state"), "hostA");
        assertEquals(script.length, answers.size(), answers.toString());
        for (int i = 0; i < script.length; i++) {
            CliRun.Result expected = separate.run(script[i]);
            String what = String.join(" ", script[i]);
            assertEquals("exit " + expected.code(), answers.get(i), what);
            assertEquals(expected.out(), Files.readString(files.get(i)[0]), what);
            assertEquals(expected.err(), Files.readString(files.get(i)[1]), what);
        }
        assertEquals(List.of("exit 0", "exit 0", "exit 0", "exit 3", "exit 0", "exit 2"), answers);
    }

    @Test
    void aCommandThatDoesNotFinishInTimeAnswers124AndStopsTheServer() throws IOException {
        Path slowLvm = dir.resolve("slow-lvm");
        Files.writeString(slowLvm, "#!/bin/sh\nsleep 30\n");
        Files.setPosixFilePermissions(slowLvm, PosixFilePermissions.fromString("rwxr-xr-x"));
        request(1, Map.of("LVM_BINARY", slowLvm.toString()), "read", "--vg", "vg0");
        request(60, Map.of(), "--version");

        assertEquals(List.of("exit " + VmCommandServer.TIMED_OUT), serve());
    }

    @Test
    void theEnvironmentOfTheRequestReachesTheCommand() throws IOException {
        Path lvm = dir.resolve("failing-lvm");
        Files.writeString(lvm, "#!/bin/sh\necho 'no VG here' >&2\nexit 5\n");
        Files.setPosixFilePermissions(lvm, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path[] files = request(60, Map.of("LVM_BINARY", lvm.toString()), "read", "--vg", "vg9");

        assertEquals(List.of("exit " + ExitCode.DEVICE), serve());
        assertTrue(Files.readString(files[1]).contains("no VG here"), Files.readString(files[1]));
    }

    @Test
    void aMalformedRequestIsRefusedWithWhatIsWrong() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> VmCommandServer.Request.parse("out\terr\t5\tNOEQUALS\t--\tread"));
        assertTrue(e.getMessage().contains("NOEQUALS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VmCommandServer.Request.parse("out\terr\tread"));
    }
}
