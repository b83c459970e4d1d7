package io.lvmpersist.transport.sim;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A SAN kept in text files that several processes share: the catalog {@code STATE} (LU identities, paths, VGs)
 * and one file per LU in {@code STATE.luns/} (its PR state, faults and command count). The catalog is a
 * {@link StateFile} (locked against threads and processes, replaced atomically, read without the lock); each LU's
 * file is a {@link LunFile} (locked against threads and processes, read and rewritten in place under the lock).
 *
 * <p>A PR command locks, reads and rewrites only its LU's file, so commands to different LUs from different
 * processes never wait for each other, and a command's cost does not grow with the size of the SAN (the threads
 * of one process take their locks one after another, see {@link FileLockGate}). A whole-SAN transaction takes the
 * catalog's lock and then every LU's lock in id order; a PR command takes one LU lock and nothing else, so the
 * two cannot deadlock. Reading the catalog needs no lock: it is only ever replaced by an atomic rename. Nothing
 * is written when the work changed nothing.
 *
 * <p>No file is ever opened through a symbolic link, {@code STATE.luns} must be a real directory, and new files
 * get the catalog's mode ({@link SafeFiles}), so a SAN can live in a directory shared with other users.
 */
final class FileStore implements SanStore {
    private static final LastParse<Path, SanState> CATALOGS = new LastParse<>();

    private final StateFile catalog;
    private final Path lunDir;
    private final ConcurrentHashMap<String, LunFile> lunFiles = new ConcurrentHashMap<>();
    private final LastParse<String, Lun> luns = new LastParse<>();
    /** Whether {@link #lunDir} was seen to be a directory, not a link (checked before the first LU file is used). */
    private volatile boolean lunDirChecked;

    FileStore(Path stateFile) {
        Path file = canonical(stateFile);
        this.catalog = new StateFile(file);
        this.lunDir = file.resolveSibling(file.getFileName() + ".luns");
    }

    @Override
    public <T> T inspect(Function<SanState, T> work) {
        try {
            String text = catalog.read();
            if (text == null) {
                transact(state -> null);   // creates the (empty) catalog
                text = catalog.read();
            }
            return work.apply(parsedCatalog(text));
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * The catalog parsed, reusing the last parse of the same text: a command on a VG of many PVs reads the
     * catalog several times per PV (claim, open), and it rarely changes. Shared read-only: {@link #inspect} work
     * must not change the state.
     */
    private SanState parsedCatalog(String text) {
        return CATALOGS.of(catalog.path(), text, t -> parse(t, SanStateCodec.Kind.CATALOG, catalog.path()));
    }

    @Override
    public <T> T transactLun(String lunId, Function<Lun, T> work) {
        try (LunFile.Locked locked = checkedLunDir() ? lunFile(lunId).lock() : null) {
            String before = locked == null ? "" : locked.read();
            if (before.isEmpty()) {
                return work.apply(null);
            }
            Lun lun = lunOf(lunId, before, lunFile(lunId).path());
            T result = work.apply(lun);
            String after = SanStateCodec.writeLun(lun);
            if (!after.equals(before)) {
                locked.write(after);
                luns.wrote(lunId, after, lun.copy());
            }
            return result;
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** The LU in {@code text}: a copy of the last parse of that text, since the caller changes it. */
    private Lun lunOf(String lunId, String text, Path file) {
        return luns.of(lunId, text, t -> parseLun(t, file, lunId)).copy();
    }

    @Override
    public <T> T transact(Function<SanState, T> work) {
        Deque<Closeable> held = new ArrayDeque<>();
        try {
            held.push(catalog.lock());
            String before = catalog.read();
            SanState state = before == null ? new SanState()
                    : parse(before, SanStateCodec.Kind.CATALOG, catalog.path());
            Map<String, String> lunsBefore = new HashMap<>();
            Map<String, LunFile.Locked> lunsLocked = new HashMap<>();
            boolean lunDirExists = checkedLunDir();
            for (String id : state.luns.keySet().stream().sorted().toList()) {
                LunFile file = lunFile(id);
                LunFile.Locked locked = lunDirExists ? file.lock() : null;
                String text = null;
                if (locked != null) {
                    held.push(locked);
                    text = locked.read();
                }
                if (text == null || text.isEmpty()) {
                    throw new SanFileException("simulated SAN " + catalog.path() + " is corrupt: the file "
                            + file.path() + " of LU " + id + " is missing or empty");
                }
                lunsBefore.put(id, text);
                lunsLocked.put(id, locked);
                state.luns.put(id, parseLun(text, file.path(), id));   // same key: keeps the catalog's order
            }
            T result = work.apply(state);
            SafeFiles.FileMode mode = catalog.mode();
            for (Lun lun : state.luns.values()) {
                String after = SanStateCodec.writeLun(lun);
                if (!after.equals(lunsBefore.get(lun.id))) {
                    LunFile.Locked locked = lunsLocked.get(lun.id);
                    if (locked == null) {
                        // A new LU: nobody else can know it before the catalog names it, which happens last.
                        createLunDir(mode);
                        locked = lunFile(lun.id).lockOrCreate(mode);
                        held.push(locked);
                    }
                    locked.write(after);
                }
            }
            String after = SanStateCodec.writeCatalog(state);
            if (!after.equals(before)) {
                catalog.replace(after, mode);
            }
            return result;
        } catch (IOException e) {
            throw failed(e);
        } finally {
            release(held);
        }
    }

    private void release(Deque<Closeable> held) {
        SanFileException failure = null;
        while (!held.isEmpty()) {
            try {
                held.pop().close();
            } catch (IOException e) {
                failure = failed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    // A SAN shared by several users (e.g. a group-writable STATE) must stay shared: the directory and the LU
    // files get the catalog's permissions (the directory also x where r), owner and group.
    private void createLunDir(SafeFiles.FileMode mode) throws IOException {
        SafeFiles.directory(lunDir, mode);
        lunDirChecked = true;
    }

    /**
     * Whether {@code STATE.luns} exists; refuses a link or a non-directory there, since the LU files are opened
     * by names inside it and only their last component is protected from links ({@code O_NOFOLLOW}).
     */
    private boolean checkedLunDir() throws IOException {
        if (lunDirChecked) {
            return true;
        }
        boolean exists = SafeFiles.requireDirectory(lunDir);
        lunDirChecked = exists;
        return exists;
    }

    private LunFile lunFile(String lunId) {
        return lunFiles.computeIfAbsent(lunId, id -> new LunFile(lunDir.resolve(fileName(id))));
    }

    /**
     * LU ids may hold any printable ASCII, '/' included: every character but letters, digits, '-' and '_' is
     * written as %XX, so a name is one plain file and never collides with the ".lock"/".tmp" sidecars.
     */
    static String fileName(String lunId) {
        StringBuilder name = new StringBuilder();
        for (char c : lunId.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_') {
                name.append(c);
            } else {
                name.append('%').append(String.format(java.util.Locale.ROOT, "%02X", (int) c));
            }
        }
        return name.toString();
    }

    // One name per file even when it is named through different paths (relative, symlinked directory): the last
    // parse of the catalog is kept per name, and messages name the file one way.
    private static Path canonical(Path stateFile) {
        Path absolute = stateFile.toAbsolutePath().normalize();
        Path name = absolute.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("not a file name: " + stateFile);
        }
        try {
            return absolute.getParent().toRealPath().resolve(name);
        } catch (IOException e) {
            throw new SanFileException("simulated SAN " + stateFile + ": directory "
                    + absolute.getParent() + " does not exist or is not accessible", e);
        }
    }

    private static Lun parseLun(String text, Path file, String lunId) {
        try {
            Lun lun = SanStateCodec.readLun(text);
            if (!lun.id.equals(lunId)) {
                throw new IllegalArgumentException("it holds LU " + lun.id + ", not " + lunId);
            }
            return lun;
        } catch (SanStateCodec.NotAStateFileException e) {
            throw new SanFileException("simulated SAN state file " + file + " is corrupt: it is not an LU file of "
                    + "the simulator", e);
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e);
        }
    }

    private static SanState parse(String text, SanStateCodec.Kind kind, Path file) {
        try {
            return SanStateCodec.read(text, kind);
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e);
        }
    }

    private static SanFileException corrupt(Path file, IllegalArgumentException e) {
        if (e instanceof SanStateCodec.NotAStateFileException) {
            // Never quote it: it may be anything the user (or someone who tricked them) named, /etc/shadow too.
            return new SanFileException(file + " is not an lvmpersist simulator state file; to create a simulated "
                    + "SAN, name a file that does not exist yet: lvmpersist sim create-vg VG --pvs N --sim FILE", e);
        }
        return new SanFileException("simulated SAN state file " + file + " is corrupt: " + e.getMessage(), e);
    }

    private SanFileException failed(IOException e) {
        String message = String.valueOf(e.getMessage());
        // "simulated SAN X: X: is a symbolic link" says X twice: once is enough.
        return new SanFileException(message.startsWith(catalog.path() + ": ") ? "simulated SAN state file " + message
                : "simulated SAN " + catalog.path() + ": " + message, e);
    }

    @Override
    public String location() {
        return catalog.path().toString();
    }
}
