package com.royaltydesk.verify.state;

import java.util.List;
import java.util.Optional;

/** Where a verifier gets an RFC 9162 consistency proof between two sizes of a log (the platform, when online). */
@FunctionalInterface
public interface ConsistencyProofs {

    ConsistencyProofs NONE = (origin, first, second) -> Optional.empty();

    Optional<List<byte[]>> proof(String origin, long first, long second);

    /** This source first, then {@code other}. */
    default ConsistencyProofs or(ConsistencyProofs other) {
        return (origin, first, second) -> proof(origin, first, second).or(() -> other.proof(origin, first, second));
    }
}
