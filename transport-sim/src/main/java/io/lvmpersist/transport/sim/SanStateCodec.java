package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.InvalidKeyException;
import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.ReservationType;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes the human-readable state files of a simulated SAN (format described in docs/simulator.md): the
 * catalog (LU identities, paths, VGs) and one file per LU (its PR state and faults), so commands to different LUs
 * never touch the same file.
 *
 * <p>One fact per line, fields separated by single spaces, so names (LU ids, hosts, paths) may not contain
 * white space. The first non-comment line of both kinds is {@code lvmpersist-sim-san <version>}.
 */
final class SanStateCodec {
    static final String MAGIC = "lvmpersist-sim-san";
    /** 2: the catalog and one file per LU (1 was a single file, refused now). */
    static final int VERSION = 2;

    private SanStateCodec() {
    }

    /** Rejects names the file format cannot hold (empty, white space, non-ASCII, leading '#'). */
    static String checkName(String what, String value) {
        if (value == null || !printableAsciiWord(value) || value.startsWith("#")) {
            throw new IllegalArgumentException("invalid " + what + " '" + value
                    + "': use printable ASCII without spaces, not starting with #");
        }
        return value;
    }

    // [!-~]+ without a regex: every name of every line read goes through here.
    private static boolean printableAsciiWord(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /** Which file a text is: the SAN's catalog, or one LU's file. Each holds only its own records. */
    enum Kind {
        /** {@code STATE}: the LUs' identities ({@code lu}), the path bindings and the VGs. */
        CATALOG(Set.of("lu", "path", "vg")),
        /** {@code STATE.luns/<id>}: one LU's {@code lun} record and its PR state and fault records. */
        LUN(Set.of("lun", "faults", "paths", "registration", "reservation", "unit-attention"));

        private final Set<String> records;

        Kind(Set<String> records) {
            this.records = records;
        }
    }

    /** The catalog: header, {@code lu} per LU (identity only), paths, VGs. */
    static String writeCatalog(SanState state) {
        StringBuilder out = header("simulated SAN; the LUs' state is in the directory next to this file");
        for (Lun lun : state.luns.values()) {
            out.append("lu ").append(lun.id).append(" personality=").append(lun.personality)
                    .append(" class=").append(lun.deviceClass).append('\n');
        }
        state.paths.forEach((path, lun) -> out.append("path ").append(path).append(' ').append(lun).append('\n'));
        state.volumeGroups.forEach((vg, pvs) -> out.append("vg ").append(vg)
                .append(pvs.stream().map(p -> " " + p).collect(Collectors.joining()))
                .append('\n'));
        return out.toString();
    }

    /**
     * One LU's file: header, its {@code lun} record, faults, registrations, reservation, unit attentions. Written
     * for every PR command (it is compared with the file's text to see whether the command changed anything), so
     * plain appends: no streams, lambdas or formatting, which a cold JVM runs slowly.
     */
    static String writeLun(Lun lun) {
        StringBuilder out = header("simulated LU");
        PrState pr = lun.pr;
        out.append("lun ").append(lun.id).append(" personality=").append(lun.personality.name())
                .append(" class=").append(lun.deviceClass.name()).append(" generation=").append(pr.generation())
                .append(" ptpl=").append(pr.ptpl()).append(" commands=").append(lun.commandsSinceFaults)
                .append('\n');
        Faults f = lun.faults;
        if (!f.equals(Faults.NONE)) {
            out.append("faults ").append(lun.id).append(" latency-ms=").append(f.latency().toMillis())
                    .append(" fail-nth=").append(f.failNth()).append(" fail-count=").append(f.failCount())
                    .append(" fail-kind=").append(f.failKind().name()).append(" timeout-ms=")
                    .append(f.timeoutAfter().toMillis()).append(" unit-attentions=").append(f.unitAttentions())
                    .append(" pr-supported=").append(f.prSupported()).append(" unsupported-types=");
            if (!f.unsupportedTypes().isEmpty()) {
                String separator = "";
                for (ReservationType type : EnumSet.copyOf(f.unsupportedTypes())) {   // in declaration order
                    out.append(separator).append(type.name());
                    separator = ",";
                }
            }
            out.append('\n');
        }
        if (lun.deviceClass == DeviceClass.MULTIPATH) {
            out.append("paths ").append(lun.id).append(" count=").append(lun.pathCount).append(" down=");
            String separator = "";
            for (int path : lun.downPaths) {
                out.append(separator).append(path);
                separator = ",";
            }
            out.append('\n');
        }
        for (Map.Entry<String, Long> registration : pr.registrations().entrySet()) {
            out.append("registration ").append(lun.id).append(' ').append(registration.getKey()).append(" 0x")
                    .append(Long.toHexString(registration.getValue())).append('\n');   // as ReservationKey prints it
        }
        ReservationType type = pr.type().orElse(null);
        if (type != null) {
            out.append("reservation ").append(lun.id).append(' ').append(type.name())
                    .append(" holder=").append(pr.holder().orElse("-")).append('\n');
        }
        for (Map.Entry<String, Set<UnitAttention>> pending : pr.unitAttentions().entrySet()) {
            out.append("unit-attention ").append(lun.id).append(' ').append(pending.getKey());
            for (UnitAttention ua : pending.getValue()) {
                out.append(' ').append(uaCode(ua));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static StringBuilder header(String what) {
        return new StringBuilder("# lvmpersist ").append(what)
                .append("; edit only while no process uses it. See docs/simulator.md.\n")
                .append(MAGIC).append(' ').append(VERSION).append('\n');
    }

    /** @throws IllegalArgumentException naming the line when the text is not a valid LU file with one LU */
    static Lun readLun(String text) {
        SanState state = read(text, Kind.LUN);
        if (state.luns.size() != 1) {
            throw new IllegalArgumentException("expected exactly one 'lun' record, found " + state.luns.size());
        }
        return state.luns.values().iterator().next();
    }

    /** @throws IllegalArgumentException naming the line when the text is not a valid file of that kind */
    static SanState read(String text, Kind kind) {
        SanState state = new SanState();
        boolean sawHeader = false;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] f = fields(trimmed);
            if (!sawHeader && (f.length != 2 || !f[0].equals(MAGIC))) {
                throw new NotAStateFileException();
            }
            try {
                if (!sawHeader) {
                    if (Integer.parseInt(f[1]) != VERSION) {
                        throw new IllegalArgumentException("unsupported version " + f[1] + " (this build reads "
                                + VERSION + ")");
                    }
                    sawHeader = true;
                    continue;
                }
                boolean known = Kind.CATALOG.records.contains(f[0]) || Kind.LUN.records.contains(f[0]);
                if (known && !kind.records.contains(f[0])) {
                    throw new IllegalArgumentException("record '" + f[0] + "' does not belong in "
                            + (kind == Kind.CATALOG ? "the SAN's catalog file" : "an LU's file"));
                }
                parseLine(state, f);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage() + ": " + trimmed, e);
            }
        }
        if (!sawHeader) {
            throw new NotAStateFileException();
        }
        state.luns.values().forEach(SanStateCodec::validate);
        return state;
    }

    // The space-separated fields of a line (runs of spaces count as one). Not String.split(" +"): that compiles
    // the pattern again for every line, and a command on a big SAN reads many lines.
    private static String[] fields(String line) {
        List<String> fields = new java.util.ArrayList<>();
        int start = 0;
        while (start < line.length()) {
            int end = line.indexOf(' ', start);
            if (end < 0) {
                end = line.length();
            }
            if (end > start) {
                fields.add(line.substring(start, end));
            }
            start = end + 1;
        }
        return fields.toArray(String[]::new);
    }

    // Facts that single lines cannot check: the personality fits the class, and a reservation has its holder(s).
    private static void validate(Lun lun) {
        boolean nvme = lun.personality == Personality.NVME;
        if (nvme != (lun.deviceClass == DeviceClass.NVME)) {
            throw new IllegalArgumentException("LU " + lun.id + ": a " + lun.personality + " LU cannot be reported as "
                    + lun.deviceClass);
        }
        PrState pr = lun.pr;
        ReservationType type = pr.type().orElse(null);
        if (type != null) {
            boolean singleHolder = nvme || !type.isAllRegistrants();
            String holder = pr.holder().orElse(null);
            if (singleHolder && (holder == null || !pr.isRegistered(holder))) {
                throw new IllegalArgumentException("LU " + lun.id + ": the " + type + " holder must be a registered host");
            }
            if (!singleHolder && (holder != null || pr.registrations().isEmpty())) {
                throw new IllegalArgumentException("LU " + lun.id + ": a SCSI " + type
                        + " reservation needs holder=- and at least one registration");
            }
        }
    }

    private static void parseLine(SanState state, String[] f) {
        switch (f[0]) {
            case "lu" -> {
                arity(f, 4);
                Map<String, String> a = attributes(f, 2);
                Lun lun = new Lun(checkName("LU id", f[1]), Personality.valueOf(a.get("personality")),
                        DeviceClass.valueOf(a.get("class")), Faults.NONE, new PrState());
                if (state.luns.putIfAbsent(lun.id, lun) != null) {
                    throw new IllegalArgumentException("duplicate LU " + lun.id);
                }
            }
            case "lun" -> {
                arity(f, 7);
                Map<String, String> a = attributes(f, 2);
                PrState pr = new PrState();
                pr.setGeneration(Long.parseLong(a.get("generation")));
                pr.setPtpl(bool(a.get("ptpl")));
                Lun lun = new Lun(checkName("LU id", f[1]), Personality.valueOf(a.get("personality")),
                        DeviceClass.valueOf(a.get("class")), Faults.NONE, pr);
                lun.commandsSinceFaults = Long.parseLong(a.get("commands"));
                if (state.luns.putIfAbsent(lun.id, lun) != null) {
                    throw new IllegalArgumentException("duplicate LU " + lun.id);
                }
            }
            case "faults" -> {
                arity(f, 10);
                Map<String, String> a = attributes(f, 2);
                String types = a.get("unsupported-types");
                Set<ReservationType> unsupported = EnumSet.noneOf(ReservationType.class);
                if (!types.isEmpty()) {
                    Arrays.stream(types.split(",")).map(ReservationType::valueOf).forEach(unsupported::add);
                }
                lun(state, f[1]).faults = new Faults(Duration.ofMillis(Long.parseLong(a.get("latency-ms"))),
                        Integer.parseInt(a.get("fail-nth")), Integer.parseInt(a.get("fail-count")),
                        FailureKind.valueOf(a.get("fail-kind")),
                        Duration.ofMillis(Long.parseLong(a.get("timeout-ms"))), bool(a.get("unit-attentions")),
                        bool(a.get("pr-supported")), unsupported);
            }
            case "paths" -> {
                arity(f, 4);
                Map<String, String> a = attributes(f, 2);
                Lun lun = lun(state, f[1]);
                lun.pathCount = Integer.parseInt(a.get("count"));
                lun.downPaths.clear();
                String down = a.get("down");
                if (!down.isEmpty()) {
                    Arrays.stream(down.split(",")).map(Integer::valueOf).forEach(lun.downPaths::add);
                }
            }
            case "registration" -> {
                arity(f, 4);
                long key = parseKey(f[3]);
                if (key == 0) {
                    throw new IllegalArgumentException("key 0 cannot be registered");
                }
                lun(state, f[1]).pr.register(checkName("host", f[2]), key);
            }
            case "reservation" -> {
                arity(f, 4);
                PrState pr = lun(state, f[1]).pr;
                ReservationType type = ReservationType.valueOf(f[2]);
                String holder = attributes(f, 3).get("holder");
                pr.reserve(type, holder.equals("-") ? null : holder);
            }
            case "unit-attention" -> {
                if (f.length < 4) {
                    throw new IllegalArgumentException("expected a host and at least one code");
                }
                PrState pr = lun(state, f[1]).pr;
                for (int i = 3; i < f.length; i++) {
                    pr.queueUnitAttention(checkName("host", f[2]), uaFromCode(f[i]));
                }
            }
            case "path" -> {
                arity(f, 3);
                lun(state, f[2]);
                state.paths.put(checkName("device path", f[1]), f[2]);
            }
            case "vg" -> {
                if (f.length < 2) {
                    throw new IllegalArgumentException("expected a VG name");
                }
                state.volumeGroups.put(checkName("VG name", f[1]), List.of(Arrays.copyOfRange(f, 2, f.length)));
            }
            default -> throw new IllegalArgumentException("unknown record '" + f[0] + "'");
        }
    }

    private static Lun lun(SanState state, String id) {
        Lun lun = state.luns.get(id);
        if (lun == null) {
            throw new IllegalArgumentException("unknown LU " + id);
        }
        return lun;
    }

    private static void arity(String[] f, int n) {
        if (f.length != n) {
            throw new IllegalArgumentException("expected " + n + " fields, found " + f.length);
        }
    }

    // name=value fields from index 'from' on; every one must be present exactly once.
    private static Map<String, String> attributes(String[] f, int from) {
        MissingCheckingMap a = new MissingCheckingMap();
        for (int i = from; i < f.length; i++) {
            int eq = f[i].indexOf('=');
            if (eq <= 0 || a.put(f[i].substring(0, eq), f[i].substring(eq + 1)) != null) {
                throw new IllegalArgumentException("bad field '" + f[i] + "'");
            }
        }
        return a;
    }

    private static long parseKey(String text) {
        try {
            return ReservationKey.parse(text).value();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, found " + value);
        };
    }

    // "2A/03" etc., computed once: String.format is slow in a cold JVM, and every LU file write needs them.
    private static final String[] UA_CODES = new String[UnitAttention.values().length];

    static {
        for (UnitAttention ua : UnitAttention.values()) {
            UA_CODES[ua.ordinal()] = hexByte(UnitAttention.ASC) + "/" + hexByte(ua.ascq());
        }
    }

    private static String hexByte(int value) {
        String hex = Integer.toHexString(0x100 | (value & 0xFF)).toUpperCase(Locale.ROOT);
        return hex.substring(1);
    }

    static String uaCode(UnitAttention ua) {
        return UA_CODES[ua.ordinal()];
    }

    private static UnitAttention uaFromCode(String code) {
        for (UnitAttention ua : UnitAttention.values()) {
            if (UA_CODES[ua.ordinal()].equals(code)) {
                return ua;
            }
        }
        throw new IllegalArgumentException("unknown unit attention " + code);
    }

    /**
     * The text does not start with the {@code lvmpersist-sim-san} line, so it is not a state file of any version.
     * The message quotes nothing: the file may be anything a user named, {@code /etc/shadow} too.
     */
    static final class NotAStateFileException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NotAStateFileException() {
            super("not a simulated SAN state file (its first line that is not a comment is not '" + MAGIC + " "
                    + VERSION + "')");
        }
    }

    /** A map whose {@code get} of an absent field fails with a message naming it. */
    private static final class MissingCheckingMap extends HashMap<String, String> {
        private static final long serialVersionUID = 1L;

        MissingCheckingMap() {
            super(16);
        }

        @Override
        public String get(Object key) {
            String value = super.get(key);
            if (value == null) {
                throw new IllegalArgumentException("missing field " + key + "=");
            }
            return value;
        }
    }
}
