package com.royaltydesk.verify.trust;

import java.util.List;
import java.util.Optional;

/**
 * Everything a verifier trusts, and nothing else: the trust roots it chose to hold (each with
 * whether its sandbox keys are accepted on purpose) and the witnesses it requires. Keys carried by a
 * bundle or fetched from wherever a page was pointed never enter here.
 */
public record TrustPolicy(List<Held> roots, WitnessPolicy witnesses) {

    /** A trust root the user chose, and whether sandbox receipts under it count (the app's own sandbox). */
    public record Held(TrustRoot root, boolean sandboxTrusted) {}

    /** A key found in a held root, with that root. */
    public record Found(Held held, TrustedKey key) {}

    public static final TrustPolicy NOTHING = new TrustPolicy(List.of(), WitnessPolicy.NONE);

    public TrustPolicy {
        roots = List.copyOf(roots);
    }

    public static TrustPolicy of(TrustRoot... roots) {
        return new TrustPolicy(
                List.of(roots).stream().map(r -> new Held(r, false)).toList(), WitnessPolicy.NONE);
    }

    public TrustPolicy withWitnesses(WitnessPolicy policy) {
        return new TrustPolicy(roots, policy);
    }

    /** The key with {@code kid} and {@code purpose} in the first held root that lists it. */
    public Optional<Found> find(String kid, TrustedKey.Purpose purpose) {
        for (Held held : roots) {
            Optional<TrustedKey> key = held.root().key(kid, purpose);
            if (key.isPresent()) {
                return Optional.of(new Found(held, key.get()));
            }
        }
        return Optional.empty();
    }

    /** The held root whose log has {@code origin}. */
    public Optional<Held> forLog(String origin) {
        return roots.stream()
                .filter(h -> h.root().log() != null && h.root().log().origin().equals(origin))
                .findFirst();
    }
}
