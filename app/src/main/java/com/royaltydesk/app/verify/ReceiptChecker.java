package com.royaltydesk.app.verify;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.verify.BundleReport;
import com.royaltydesk.verify.BundleVerifier;
import com.royaltydesk.verify.ReceiptVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The app's receipt checks, all done by the {@code receipt-verifier} module on the user's machine:
 * a live receipt is checked through its bundle (signature against the platform's keys, signed
 * checkpoint, inclusion proof); a bundle file is checked with no network at all.
 */
public final class ReceiptChecker {

    private final BundleVerifier verifier;

    public ReceiptChecker(Clock clock) {
        this.verifier = new BundleVerifier(new ReceiptVerifier(clock, null));
    }

    /** Fetches the receipt's bundle from the platform and checks it; returns the bundle text too. */
    public Checked checkLive(PlatformClient client, String receiptId) {
        String bundle = client.bundle(receiptId);
        return new Checked(bundle, verifier.verify(bundle));
    }

    /** Checks a bundle file, offline. */
    public Checked checkFile(Path file) throws IOException {
        String bundle = Files.readString(file, StandardCharsets.UTF_8);
        return new Checked(bundle, verifier.verify(bundle));
    }

    /** A bundle and what checking it found. */
    public record Checked(String bundleJson, BundleReport report) {}
}
