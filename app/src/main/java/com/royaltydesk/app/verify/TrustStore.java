package com.royaltydesk.app.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.royaltydesk.verify.trust.TrustPolicy;
import com.royaltydesk.verify.trust.TrustRoot;
import com.royaltydesk.verify.trust.TrustRootException;
import com.royaltydesk.verify.trust.WitnessPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The platforms this user decided to trust (SPEC §2a), in {@code trust/} of the app's data folder:
 * {@code trusted-platforms.json} lists each with the fingerprint the user saw when they said yes,
 * and {@code roots/<fingerprint>.json} holds the trust root itself. A root file that no longer
 * matches its recorded fingerprint is not used and is named in {@link #problems()}. The embedded
 * sandbox is trusted for the session only, as sandbox, and never written here. The CLI reads the
 * same folder when it is given no {@code --trust}.
 */
public final class TrustStore {

    /** One trusted platform as the user sees it in Settings. */
    public record Entry(
            String fingerprint, String issuer, String origin, String source, boolean sandboxTrusted, String addedAt) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String INDEX = "trusted-platforms.json";

    private final Path dir;
    private final Clock clock;
    private final List<String> problems = new ArrayList<>();
    private volatile TrustPolicy.Held session;

    public TrustStore(Path dataDir, Clock clock) {
        this.dir = dataDir.resolve("trust");
        this.clock = clock;
    }

    /** Every saved root that still matches what the user approved, plus the session's sandbox. */
    public synchronized TrustPolicy policy() {
        problems.clear();
        List<TrustPolicy.Held> held = new ArrayList<>();
        TrustPolicy.Held sandbox = session;
        if (sandbox != null) {
            held.add(sandbox);
        }
        for (Entry entry : entries()) {
            try {
                TrustRoot root = load(entry);
                held.add(new TrustPolicy.Held(root, entry.sandboxTrusted()));
            } catch (TrustRootException | IOException e) {
                problems.add(entry.source() + ": " + e.getMessage());
            }
        }
        return new TrustPolicy(held, WitnessPolicy.NONE);
    }

    /** Saved roots that were refused the last time {@link #policy()} ran, and why. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    public synchronized List<Entry> entries() {
        JsonNode index = readIndex();
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : index.path("platforms")) {
            entries.add(new Entry(
                    node.path("fingerprint").asText(),
                    node.path("issuer").asText(),
                    node.path("origin").asText(),
                    node.path("source").asText(),
                    node.path("sandbox_trusted").asBoolean(false),
                    node.path("added_at").asText()));
        }
        return entries;
    }

    /** The held root of the log with {@code origin}, if the user trusts that platform. */
    public synchronized Optional<Entry> forOrigin(String origin) {
        return entries().stream().filter(e -> e.origin().equals(origin)).findFirst();
    }

    /** Trusts {@code root} (the user said yes to its fingerprint); a root of the same log is replaced. */
    public synchronized Entry add(TrustRoot root, boolean sandboxTrusted) {
        String origin = root.log() == null ? "" : root.log().origin();
        forOrigin(origin).filter(e -> !origin.isEmpty()).ifPresent(old -> remove(old.fingerprint()));
        Entry entry = new Entry(
                root.fingerprint(),
                root.issuer() == null ? "" : root.issuer(),
                origin,
                root.source() == null ? "" : root.source(),
                sandboxTrusted,
                clock.instant().toString());
        try {
            Files.createDirectories(dir.resolve("roots"));
            write(dir.resolve("roots").resolve(entry.fingerprint() + ".json"), root.json());
            ObjectNode index = (ObjectNode) readIndex();
            ArrayNode platforms = index.withArray("platforms");
            ObjectNode node = platforms.addObject();
            node.put("fingerprint", entry.fingerprint());
            node.put("issuer", entry.issuer());
            node.put("origin", entry.origin());
            node.put("source", entry.source());
            node.put("sandbox_trusted", entry.sandboxTrusted());
            node.put("added_at", entry.addedAt());
            write(dir.resolve(INDEX), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(index));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the trusted platform in " + dir, e);
        }
        return entry;
    }

    /**
     * Replaces the held root of {@code newer}'s log with {@code newer} when it only adds keys or
     * closes windows (a rotation); refuses anything else. The user's earlier yes covers a successor.
     */
    public synchronized boolean update(TrustRoot newer) throws TrustRootException {
        if (newer.log() == null) {
            return false;
        }
        Optional<Entry> old = forOrigin(newer.log().origin());
        if (old.isEmpty()) {
            return false;
        }
        try {
            load(old.get()).checkSuccessor(newer);
        } catch (IOException e) {
            throw new TrustRootException("the held trust root cannot be read: " + e.getMessage());
        }
        if (old.get().fingerprint().equals(newer.fingerprint())) {
            return false;
        }
        add(newer, old.get().sandboxTrusted());
        return true;
    }

    public synchronized void remove(String fingerprint) {
        try {
            ObjectNode index = (ObjectNode) readIndex();
            ArrayNode kept = JSON.createArrayNode();
            index.path("platforms").forEach(node -> {
                if (!node.path("fingerprint").asText().equals(fingerprint)) {
                    kept.add(node);
                }
            });
            index.set("platforms", kept);
            write(dir.resolve(INDEX), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(index));
            Files.deleteIfExists(dir.resolve("roots").resolve(fingerprint + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the trusted platform from " + dir, e);
        }
    }

    /** The app's own embedded sandbox: trusted as sandbox for this session, never saved. */
    public void trustSessionSandbox(TrustRoot root) {
        session = root == null ? null : new TrustPolicy.Held(root, true);
    }

    public Optional<TrustRoot> sessionSandbox() {
        TrustPolicy.Held held = session;
        return held == null ? Optional.empty() : Optional.of(held.root());
    }

    private TrustRoot load(Entry entry) throws IOException, TrustRootException {
        Path file = dir.resolve("roots").resolve(entry.fingerprint() + ".json");
        TrustRoot root = TrustRoot.parse(Files.readString(file, StandardCharsets.UTF_8), entry.source());
        if (!root.fingerprint().equals(entry.fingerprint())) {
            throw new TrustRootException("the saved trust root changed since you trusted it (fingerprint "
                    + root.fingerprint() + ", you approved " + entry.fingerprint() + "); not used");
        }
        return root;
    }

    private JsonNode readIndex() {
        Path file = dir.resolve(INDEX);
        try {
            if (!Files.isRegularFile(file)) {
                return JSON.createObjectNode().set("platforms", JSON.createArrayNode());
            }
            JsonNode index = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return index != null && index.isObject() ? index : JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
