package com.royaltydesk.platform.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Version;
import com.royaltydesk.platform.db.Dialect;
import com.royaltydesk.platform.db.H2Scripts;
import com.royaltydesk.platform.journal.MarkedJournal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;

/**
 * Makes a backup of a running platform's data folder and restores one into a stopped platform's.
 * A backup is one zip: {@code royaltydesk.sql} (H2's {@code SCRIPT}, read inside one serializable
 * transaction, so every table is seen at the same moment while requests go on), the key-encryption
 * key file and sandbox credentials when the folder has them, and {@code manifest.json} with each
 * entry's SHA-256, so a damaged backup is refused before it replaces anything. Restoring runs the
 * script into a new database file beside the folder's and only then puts it in place. A backup
 * holds what opens the signing keys: keep it as private as the folder.
 *
 * <p>Why not H2's {@code BACKUP TO}: it copies the database file while writers go on, and under
 * concurrent ingestion about one copy in twelve opened with indexes that disagreed with each other
 * (decision 0017). Backups of that kind (format 1, made by builds before this one) are refused
 * by name: they may be such torn copies.
 */
public final class Backups {

    /** A backup written. */
    public record Made(Path file, long bytes, String sha256, Instant createdAt, List<String> entries) {}

    /** A backup restored: what was put in place and where the replaced files went. */
    public record Restored(Instant backupCreatedAt, List<String> entries, List<Path> setAside) {}

    public static final String DATABASE = "royaltydesk.mv.db";
    /** The database as SQL: the tables, their rows and the sequences, all at one moment. */
    public static final String SCRIPT = "royaltydesk.sql";

    public static final String MANIFEST = "manifest.json";
    /** Files of the data folder that travel with the database, when present. */
    private static final List<String> BESIDE = List.of("signing-keys.kek", "sandbox-credentials.json");

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Path dataDir;
    private final Clock clock;
    private final Supplier<Map<String, Long>> journalPositions;

    /**
     * {@code journalPositions} says, per journal folder, the first record a snapshot started now may
     * lack; the manifest keeps it, so a database rebuilt from this backup is brought up to date from
     * there, and the journals keep those records while the backup is kept.
     */
    public Backups(
            DataSource dataSource,
            Dialect dialect,
            Path dataDir,
            Clock clock,
            Supplier<Map<String, Long>> journalPositions) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.dataDir = dataDir;
        this.clock = clock;
        this.journalPositions = journalPositions;
    }

    /** The folder backups go to unless told otherwise: {@code backups/} in the data folder. */
    public Path defaultDirectory() {
        return dataDir.resolve("backups");
    }

    /** Writes a backup into {@code directory} while the platform keeps serving. */
    public Made make(Path directory) {
        return make(directory, "royaltydesk-backup-");
    }

    /** The same, the file named {@code prefix} and the time. */
    Made make(Path directory, String prefix) {
        if (dialect != Dialect.H2) {
            throw ApiException.conflict(
                    "backup_not_supported",
                    "This platform runs on PostgreSQL: back it up with pg_dump (or your provider's snapshots),"
                            + " together with its key-encryption key.");
        }
        Instant now = clock.instant();
        try {
            Files.createDirectories(directory);
            Path script = Files.createTempFile(directory, ".backup", ".sql");
            Path target = directory.resolve(prefix + STAMP.format(now) + ".zip");
            Path partial = Files.createTempFile(directory, ".backup", ".zip.part");
            try {
                restrictToOwner(script);
                Files.delete(script); // H2 writes the file itself
                // Read before the snapshot starts: every record before these positions is in it.
                Map<String, Long> journalFrom = journalPositions.get();
                H2Scripts.scriptAtOneMoment(dataSource, script);
                restrictToOwner(partial);
                Map<String, String> sums = writeBackup(script, partial, now, journalFrom);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                if (directory.equals(defaultDirectory())) {
                    keepJournalsForBackups();
                }
                return new Made(target, Files.size(target), sha256(target), now, List.copyOf(sums.keySet()));
            } finally {
                Files.deleteIfExists(script);
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a backup into " + directory, e);
        }
    }

    /** The temporary files of a backup being written ({@link #make}); a stop mid-backup leaves them. */
    private static final java.util.regex.Pattern UNFINISHED =
            java.util.regex.Pattern.compile("\\.backup\\d+\\.(sql|zip\\.part)");

    /**
     * Deletes what backups cut short by a stop left in {@link #defaultDirectory}: the script and the
     * partial zip, never a finished backup (that is renamed into place whole). Called at start,
     * before the platform serves, so no backup of this process can be writing them. Found in
     * session 13's crash rounds: 94 such files, 655 MB, after 400 kills. Backups a user writes into
     * another folder are not looked at. Returns the bytes freed.
     */
    public long removeUnfinished() {
        Path directory = defaultDirectory();
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        long freed = 0;
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(
                            f -> UNFINISHED.matcher(f.getFileName().toString()).matches())
                    .toList()) {
                long size = Files.size(file);
                Files.delete(file);
                freed += size;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove unfinished backups from " + directory, e);
        }
        return freed;
    }

    /**
     * Lets each journal drop only records every backup in {@link #defaultDirectory} holds: the
     * oldest kept backup is brought up to date from its own position.
     */
    public void keepJournalsForBackups() {
        Map<String, Long> oldest = new TreeMap<>();
        for (Kept kept : kept(defaultDirectory())) {
            kept.journalFrom().forEach((folder, seq) -> oldest.merge(folder, seq, Math::min));
        }
        oldest.forEach((folder, seq) -> MarkedJournal.keepFrom(dataDir.resolve(folder), seq));
    }

    /** A backup found in a folder, as its manifest describes it (damaged or foreign zips are skipped). */
    public record Kept(Path file, Instant createdAt, Map<String, Long> journalFrom) {}

    /** The backups in {@code directory} whose manifests read, newest first. */
    public static List<Kept> kept(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Kept> found = new java.util.ArrayList<>();
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".zip"))
                    .toList()) {
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    ZipEntry entry = zip.getEntry(MANIFEST);
                    if (entry != null) {
                        JsonManifest manifest = JsonManifest.read(zip, entry);
                        found.add(new Kept(file, manifest.createdAt(), manifest.journalFrom()));
                    }
                } catch (IOException | RuntimeException e) {
                    // not a backup this platform reads: it neither rebuilds anything nor holds journals
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the backups in " + directory, e);
        }
        found.sort(java.util.Comparator.comparing(Kept::createdAt).reversed());
        return List.copyOf(found);
    }

    private Map<String, String> writeBackup(Path script, Path partial, Instant now, Map<String, Long> journalFrom)
            throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
            try (InputStream in = Files.newInputStream(script)) {
                sums.put(SCRIPT, copyEntry(zip, SCRIPT, in));
            }
            for (String name : BESIDE) {
                Path file = dataDir.resolve(name);
                if (Files.exists(file)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        sums.put(name, copyEntry(zip, name, in));
                    }
                }
            }
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("format", 2);
            manifest.put("created_at", now.toString());
            manifest.put("platform_version", Version.current());
            ObjectNode journals = manifest.putObject("journal_from");
            journalFrom.forEach(journals::put);
            ObjectNode entries = manifest.putObject("sha256");
            sums.forEach(entries::put);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.closeEntry();
        }
        return sums;
    }

    private static String copyEntry(ZipOutputStream zip, String name, InputStream in) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        DigestInputStream digesting = new DigestInputStream(in, sha());
        digesting.transferTo(zip);
        zip.closeEntry();
        return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
    }

    /**
     * Restores {@code backup} into {@code dataDir} of a platform that is not running: every entry is
     * checked against the manifest and the database is rebuilt from its script in a work folder
     * first (a damaged backup changes nothing), then the files it replaces are moved aside — never
     * deleted — and the backup's put in place.
     */
    public static Restored restore(Path backup, Path dataDir, Instant now) {
        try (ZipFile zip = new ZipFile(backup.toFile())) {
            JsonManifest manifest = verified(backup, zip);
            Files.createDirectories(dataDir);
            Path work = Files.createTempDirectory(dataDir, ".restore");
            try {
                Map<String, Path> ready = prepare(zip, manifest, work);
                List<Path> setAside = new java.util.ArrayList<>();
                for (var file : ready.entrySet()) {
                    Path current = dataDir.resolve(file.getKey());
                    if (Files.exists(current)) {
                        Path aside = dataDir.resolve(file.getKey() + ".before-restore-" + STAMP.format(now));
                        Files.move(current, aside, StandardCopyOption.ATOMIC_MOVE);
                        setAside.add(aside);
                    }
                    Files.move(file.getValue(), current, StandardCopyOption.ATOMIC_MOVE);
                }
                // The journal holds writes made after the backup: applied to the restored database they
                // would bring back part of what the restore undoes. It is kept aside; a new one starts empty.
                Path journal = dataDir.resolve("journal");
                if (Files.exists(journal)) {
                    Path aside = dataDir.resolve("journal.before-restore-" + STAMP.format(now));
                    Files.move(journal, aside, StandardCopyOption.ATOMIC_MOVE);
                    setAside.add(aside);
                }
                // A database restored on purpose replaces one that was set aside as damaged.
                Files.deleteIfExists(dataDir.resolve(com.royaltydesk.platform.db.UnopenableDatabase.NOTE));
                return new Restored(manifest.createdAt(), List.copyOf(ready.keySet()), List.copyOf(setAside));
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot restore " + backup + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts the backup's database — only the database — in {@code dataDir}, where there is none now
     * (the damaged one was moved aside): the key-encryption key and the journals in the folder are
     * newer than the backup's and stay. Returns when the backup was made.
     */
    public static Instant rebuildDatabase(Path backup, Path dataDir) {
        try (ZipFile zip = new ZipFile(backup.toFile())) {
            JsonManifest manifest = verified(backup, zip);
            Path work = Files.createTempDirectory(dataDir, ".rebuild");
            try {
                Path script = work.resolve(SCRIPT);
                restrictToOwner(Files.createFile(script));
                try (InputStream in = zip.getInputStream(zip.getEntry(SCRIPT));
                        OutputStream out = Files.newOutputStream(script)) {
                    in.transferTo(out);
                }
                Path database = databaseFrom(script, work.resolve("rebuilt"));
                Files.move(database, dataDir.resolve(DATABASE), StandardCopyOption.ATOMIC_MOVE);
                return manifest.createdAt();
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot rebuild from " + backup + ": " + e.getMessage(), e);
        }
    }

    /** The backup's manifest, once every entry it names matches its checksum. */
    private static JsonManifest verified(Path backup, ZipFile zip) throws IOException {
        ZipEntry manifestEntry = zip.getEntry(MANIFEST);
        if (manifestEntry == null) {
            throw new IllegalStateException(backup + " is not a Royalty Desk backup (it has no manifest).");
        }
        JsonManifest manifest = JsonManifest.read(zip, manifestEntry);
        for (var expected : manifest.sha256().entrySet()) {
            ZipEntry entry = zip.getEntry(expected.getKey());
            if (entry == null || !expected.getValue().equals(sha256(zip, entry))) {
                throw new IllegalStateException("The backup " + backup + " is damaged: " + expected.getKey()
                        + " does not match its manifest. Nothing was changed.");
            }
        }
        return manifest;
    }

    /** Every file the restore will put in place, made in {@code work}: data-folder name → file. */
    private static Map<String, Path> prepare(ZipFile zip, JsonManifest manifest, Path work) throws IOException {
        Map<String, Path> ready = new LinkedHashMap<>();
        for (String name : manifest.sha256().keySet()) {
            Path file = work.resolve(name);
            restrictToOwner(Files.createFile(file));
            try (InputStream in = zip.getInputStream(zip.getEntry(name));
                    OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(out);
            }
            if (name.equals(SCRIPT)) {
                ready.put(DATABASE, databaseFrom(file, work.resolve("rebuilt")));
            } else {
                ready.put(name, file);
            }
        }
        return ready;
    }

    private static Path databaseFrom(Path script, Path folder) throws IOException {
        Files.createDirectories(folder);
        try {
            H2Scripts.runInto(script, folder);
        } catch (SQLException e) {
            throw new IOException("its database script does not run (" + e.getMessage() + ")", e);
        }
        Path database = folder.resolve(DATABASE);
        restrictToOwner(database);
        return database;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The manifest's fields this code reads. */
    private record JsonManifest(Instant createdAt, Map<String, String> sha256, Map<String, Long> journalFrom) {
        static JsonManifest read(ZipFile zip, ZipEntry entry) throws IOException {
            try (InputStream in = zip.getInputStream(entry)) {
                var node = JSON.readTree(in);
                Map<String, String> sums = new LinkedHashMap<>();
                node.path("sha256")
                        .fields()
                        .forEachRemaining(f -> sums.put(f.getKey(), f.getValue().asText()));
                if (node.path("format").asInt() == 1) {
                    throw new IOException("it is a format 1 backup, a copy of the database file that may be torn"
                            + " (made before this build); make a new backup");
                }
                if (node.path("format").asInt() != 2 || !sums.containsKey(SCRIPT)) {
                    throw new IOException("its manifest is not one this platform reads");
                }
                for (String name : sums.keySet()) {
                    if (!name.equals(SCRIPT) && !BESIDE.contains(name)) {
                        throw new IOException("its manifest names an unexpected file " + name);
                    }
                }
                Map<String, Long> journalFrom = new TreeMap<>();
                node.path("journal_from")
                        .fields()
                        .forEachRemaining(
                                f -> journalFrom.put(f.getKey(), f.getValue().asLong()));
                return new JsonManifest(Instant.parse(node.path("created_at").asText()), sums, journalFrom);
            }
        }
    }

    private static String sha256(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return digest(in);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return digest(in);
        }
    }

    private static String digest(InputStream in) throws IOException {
        DigestInputStream digesting = new DigestInputStream(in, sha());
        digesting.transferTo(OutputStream.nullOutputStream());
        return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
