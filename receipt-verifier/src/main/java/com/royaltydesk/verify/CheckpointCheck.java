package com.royaltydesk.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.royaltydesk.verify.note.Checkpoint;
import com.royaltydesk.verify.note.NoteException;
import com.royaltydesk.verify.note.NoteKey;
import com.royaltydesk.verify.note.NoteVerifier;
import com.royaltydesk.verify.note.SignedNote;
import com.royaltydesk.verify.trust.TrustPolicy;
import com.royaltydesk.verify.trust.TrustRoot;
import com.royaltydesk.verify.trust.TrustedKey;
import com.royaltydesk.verify.trust.WitnessPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The checkpoint of a bundle, checked against the same held root that vouched for the receipt: a
 * C2SP signed note by that root's log key (format 2; the log signs with a timestamped
 * cosignature/v1 signature, so its time is signed too), or — for old bundles (format 1) — a JWS by
 * a receipts key that predates the log key. Then the witness policy.
 */
final class CheckpointCheck {

    static final JOSEObjectType CHECKPOINT_TYPE = new JOSEObjectType("rdk-checkpoint+jwt");

    /** A checkpoint whose signature a held root vouches for. */
    record Accepted(Checkpoint checkpoint, String note, Instant time, List<String> witnesses) {}

    /** The checkpoint or the verdict that refuses it. */
    record Outcome(Accepted accepted, ReceiptStatus failure, String detail) {
        static Outcome refused(ReceiptStatus status, String detail) {
            return new Outcome(null, status, detail);
        }
    }

    private CheckpointCheck() {}

    static Outcome note(String noteText, TrustPolicy.Held held, WitnessPolicy witnesses) {
        SignedNote note;
        Checkpoint checkpoint;
        try {
            note = SignedNote.parse(noteText);
            checkpoint = Checkpoint.parse(note.text());
        } catch (NoteException e) {
            return Outcome.refused(ReceiptStatus.MALFORMED, "checkpoint: " + e.getMessage());
        }
        TrustRoot root = held.root();
        List<NoteKey> logKeys = logKeys(root, checkpoint.origin());
        List<NoteVerifier.Verified> byLog;
        try {
            byLog = NoteVerifier.open(note, logKeys);
        } catch (NoteException e) {
            boolean unknown = e.getMessage().startsWith("no verifiable");
            return Outcome.refused(
                    unknown ? ReceiptStatus.UNTRUSTED_SIGNER : ReceiptStatus.BAD_SIGNATURE,
                    "checkpoint of log " + checkpoint.origin() + " is not signed by the log key of the trust root that"
                            + " vouched for the receipt (" + e.getMessage() + ")");
        }
        Optional<Instant> time = byLog.get(0).timestamp();
        if (time.isEmpty()) {
            return Outcome.refused(ReceiptStatus.MALFORMED, "checkpoint signature carries no time");
        }
        if (root.log() != null && !root.log().validFor().contains(time.get())) {
            return Outcome.refused(
                    ReceiptStatus.KEY_NOT_VALID_THEN,
                    "checkpoint signed " + time.get() + ", outside the log key's window "
                            + root.log().validFor());
        }
        List<String> cosigners;
        try {
            cosigners = NoteVerifier.verifiedBy(note, witnesses.witnesses()).stream()
                    .map(v -> v.key().name() + " at "
                            + v.timestamp().map(Instant::toString).orElse("?"))
                    .toList();
        } catch (NoteException e) {
            return Outcome.refused(ReceiptStatus.BAD_SIGNATURE, "a witness cosignature is invalid: " + e.getMessage());
        }
        if (cosigners.size() < witnesses.threshold()) {
            return Outcome.refused(
                    ReceiptStatus.UNWITNESSED,
                    "checkpoint unwitnessed: " + cosigners.size() + " of the " + witnesses.threshold()
                            + " witness cosignatures your policy requires");
        }
        return new Outcome(new Accepted(checkpoint, noteText, time.get(), cosigners), null, null);
    }

    /** Format 1: the checkpoint was a JWS signed with the receipt key (before checkpoint keys existed). */
    static Outcome legacy(JsonNode node, TrustPolicy.Held held, WitnessPolicy witnesses) {
        if (witnesses.threshold() > 0) {
            return Outcome.refused(
                    ReceiptStatus.UNWITNESSED, "an old-format (1) checkpoint cannot carry witness cosignatures");
        }
        try {
            SignedJWT jws = SignedJWT.parse(node.path("jws").asText());
            if (!CHECKPOINT_TYPE.equals(jws.getHeader().getType())) {
                return Outcome.refused(ReceiptStatus.MALFORMED, "checkpoint: not a checkpoint JWS");
            }
            String kid = jws.getHeader().getKeyID();
            Optional<TrustedKey> key = kid == null
                    ? Optional.empty()
                    : held.root().key(kid, TrustedKey.Purpose.RECEIPTS).filter(k -> predatesLogKey(k, held.root()));
            if (key.isEmpty()) {
                return Outcome.refused(
                        ReceiptStatus.UNTRUSTED_SIGNER,
                        "old-format checkpoint signed by key " + kid + ", which the trust root does not list as a"
                                + " key from before checkpoint keys");
            }
            if (!SignatureCheck.verifies(jws, key.get().jwk())) {
                return Outcome.refused(ReceiptStatus.BAD_SIGNATURE, "checkpoint signature does not verify");
            }
            JWTClaimsSet claims = jws.getJWTClaimsSet();
            Instant time = claims.getIssueTime().toInstant();
            if (!key.get().validFor().contains(time)) {
                return Outcome.refused(
                        ReceiptStatus.KEY_NOT_VALID_THEN,
                        "checkpoint signed " + time + ", outside the window of key "
                                + key.get().describe());
            }
            byte[] root = HexFormat.of().parseHex(claims.getStringClaim("root_hash"));
            String origin =
                    held.root().log() == null ? "legacy" : held.root().log().origin();
            Checkpoint checkpoint = new Checkpoint(origin, claims.getLongClaim("tree_size"), root, List.of());
            return new Outcome(new Accepted(checkpoint, null, time, List.of()), null, null);
        } catch (java.text.ParseException | RuntimeException e) {
            return Outcome.refused(ReceiptStatus.MALFORMED, "unreadable checkpoint: " + e.getMessage());
        }
    }

    private static boolean predatesLogKey(TrustedKey key, TrustRoot root) {
        return root.log() == null
                || key.validFor().start().isBefore(root.log().validFor().start());
    }

    /** The root's log key; for a JWKS taken as a root, each of its Ed25519 keys under the note's origin. */
    private static List<NoteKey> logKeys(TrustRoot root, String origin) {
        if (root.log() != null) {
            return root.log().origin().equals(origin) ? List.of(root.log().checkpointKey()) : List.of();
        }
        List<NoteKey> keys = new ArrayList<>();
        for (TrustedKey key : root.keys()) {
            Object x = key.jwk().toJSONObject().get("x");
            if (key.purpose() == TrustedKey.Purpose.CHECKPOINTS
                    && key.jwk() instanceof com.nimbusds.jose.jwk.OctetKeyPair
                    && x instanceof String s) {
                try {
                    keys.add(new NoteKey(
                            origin,
                            NoteKey.COSIGNATURE_V1,
                            Base64.getUrlDecoder().decode(s)));
                } catch (IllegalArgumentException e) {
                    // not a usable note key; skip it
                }
            }
        }
        return keys;
    }
}
