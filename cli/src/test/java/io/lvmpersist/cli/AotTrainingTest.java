package io.lvmpersist.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AOT training run must keep working as the commands evolve: the build runs it to make the cache. */
class AotTrainingTest {
    @TempDir
    Path dir;

    @Test
    void everyTrainingCommandBehavesAsExpected() throws Exception {
        assertEquals(List.of(), AotTraining.train(dir.resolve("training")));
        assertTrue(Files.exists(dir.resolve("training/san")), "it works on its own scratch SAN");
    }
}
