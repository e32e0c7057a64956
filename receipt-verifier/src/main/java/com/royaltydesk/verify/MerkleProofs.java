package com.royaltydesk.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks Merkle proofs exactly as RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) spell
 * out, with the same variable names. Deliberately written from the RFC's iterative algorithms, not
 * from the platform's recursive builder, so one cannot hide the other's mistake.
 */
public final class MerkleProofs {

    private MerkleProofs() {}

    /** SHA-256(0x00 ‖ entry). */
    public static byte[] leafHash(byte[] entry) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x00);
        digest.update(entry);
        return digest.digest();
    }

    /** True when {@code inclusionPath} proves leaf {@code leafIndex} is in the tree of {@code treeSize} with {@code rootHash}. */
    public static boolean verifyInclusion(
            byte[] leafHash, long leafIndex, long treeSize, List<byte[]> inclusionPath, byte[] rootHash) {
        // 1. Compare leaf_index against tree_size. If leaf_index is greater than or equal to tree_size, then fail.
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return false;
        }
        // 2. Set fn to leaf_index and sn to tree_size - 1.
        long fn = leafIndex;
        long sn = treeSize - 1;
        // 3. Set r to hash.
        byte[] r = leafHash;
        // 4. For each value p in the inclusion_path array:
        for (byte[] p : inclusionPath) {
            // a. If sn is 0, then stop the iteration and fail the proof verification.
            if (sn == 0) {
                return false;
            }
            // b. If LSB(fn) is set, or if fn is equal to sn, then:
            if ((fn & 1) == 1 || fn == sn) {
                // i. Set r to HASH(0x01 || p || r).
                r = node(p, r);
                // ii. If LSB(fn) is not set, then right-shift both fn and sn equally until either
                //     LSB(fn) is set or fn is 0.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                // Otherwise: set r to HASH(0x01 || r || p).
                r = node(r, p);
            }
            // c. Finally, right-shift both fn and sn one time.
            fn >>= 1;
            sn >>= 1;
        }
        // 5. Compare sn to 0. Compare r against the root_hash. If sn is equal to 0 and r and the
        //    root_hash are equal, then the log has proven the inclusion of hash.
        return sn == 0 && Arrays.equals(r, rootHash);
    }

    /** True when {@code consistencyPath} proves the tree of {@code firstSize} is a prefix of the one of {@code secondSize}. */
    public static boolean verifyConsistency(
            long firstSize, long secondSize, byte[] firstHash, byte[] secondHash, List<byte[]> consistencyPath) {
        if (firstSize < 1 || firstSize > secondSize) {
            return false;
        }
        if (firstSize == secondSize) {
            return consistencyPath.isEmpty() && Arrays.equals(firstHash, secondHash);
        }
        // 1. If consistency_path is an empty array, stop and fail the proof verification.
        if (consistencyPath.isEmpty()) {
            return false;
        }
        // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
        List<byte[]> path = new ArrayList<>(consistencyPath);
        if (Long.bitCount(firstSize) == 1) {
            path.add(0, firstHash);
        }
        // 3. Set fn to first - 1 and sn to second - 1.
        long fn = firstSize - 1;
        long sn = secondSize - 1;
        // 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        // 5. Set both fr and sr to the first value in the consistency_path array.
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        // 6. For each subsequent value c in the consistency_path array:
        for (byte[] c : path.subList(1, path.size())) {
            // a. If sn is 0, then stop the iteration and fail the proof verification.
            if (sn == 0) {
                return false;
            }
            // b. If LSB(fn) is set, or if fn is equal to sn, then:
            if ((fn & 1) == 1 || fn == sn) {
                // i. Set fr to HASH(0x01 || c || fr). Set sr to HASH(0x01 || c || sr).
                fr = node(c, fr);
                sr = node(c, sr);
                // ii. If LSB(fn) is not set, then right-shift both fn and sn equally until either
                //     LSB(fn) is set or fn is 0.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                // Otherwise: set sr to HASH(0x01 || sr || c).
                sr = node(sr, c);
            }
            // c. Finally, right-shift both fn and sn one time.
            fn >>= 1;
            sn >>= 1;
        }
        // 7. fr equals first_hash, sr equals second_hash, and sn is 0.
        return Arrays.equals(fr, firstHash) && Arrays.equals(sr, secondHash) && sn == 0;
    }

    private static byte[] node(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x01);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
