package io.lvmpersist.cli.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, from the cli module directory the tests run in. */
final class RepoFiles {
    private RepoFiles() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("docs")) && Files.isDirectory(dir.resolve("cli")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run the tests inside the repository (no docs/ and cli/ found)");
        }
        return dir;
    }

    static Path docs() {
        return root().resolve("docs");
    }

    /** Set with -Dlvmpersist.regenerate=true: golden tests write their files instead of comparing. */
    static boolean regenerate() {
        return Boolean.getBoolean("lvmpersist.regenerate");
    }
}
