package com.royaltydesk.platform.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * Builds RFC 6962 / RFC 9162 Merkle tree hashes and proofs over an append-only list of leaf hashes,
 * following the RFC's recursive definitions (MTH, PATH, SUBPROOF). Hashes of complete, aligned
 * subtrees never change in an append-only log, so they are remembered: repeated roots and proofs
 * cost O(log n) hashes instead of O(n).
 */
public final class MerkleTree {

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private final LongFunction<byte[]> leafHash;
    private final Map<Long, byte[]> completeSubtrees = new ConcurrentHashMap<>();

    /** {@code leafHash} gives the leaf hash at an index; it is only asked for indices that exist. */
    public MerkleTree(LongFunction<byte[]> leafHash) {
        this.leafHash = leafHash;
    }

    /** SHA-256(0x00 ‖ entry): the leaf hash of one log entry. */
    public static byte[] leafHashOf(byte[] entry) {
        MessageDigest digest = sha256();
        digest.update(LEAF_PREFIX);
        digest.update(entry);
        return digest.digest();
    }

    /** MTH of the first {@code size} leaves; SHA-256 of nothing for the empty tree. */
    public byte[] rootHash(long size) {
        if (size == 0) {
            return sha256().digest();
        }
        return hash(0, size);
    }

    /** PATH(index, D[size]): the audit path from leaf {@code index} up to the root of {@code size}. */
    public List<byte[]> inclusionProof(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " is outside a tree of size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, size, proof);
        return proof;
    }

    /** PROOF(first, D[second]): shows the tree of size {@code first} is a prefix of {@code second}. */
    public List<byte[]> consistencyProof(long first, long second) {
        if (first <= 0 || first > second) {
            throw new IllegalArgumentException("need 0 < first <= second, got " + first + " and " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(first, 0, second, true, proof);
        return proof;
    }

    private void path(long index, long start, long size, List<byte[]> proof) {
        if (size == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(size);
        if (index < k) {
            path(index, start, k, proof);
            proof.add(hash(start + k, size - k));
        } else {
            path(index - k, start + k, size - k, proof);
            proof.add(hash(start, k));
        }
    }

    private void subproof(long m, long start, long size, boolean completeSubtree, List<byte[]> proof) {
        if (m == size) {
            if (!completeSubtree) {
                proof.add(hash(start, size));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(size);
        if (m <= k) {
            subproof(m, start, k, completeSubtree, proof);
            proof.add(hash(start + k, size - k));
        } else {
            subproof(m - k, start + k, size - k, false, proof);
            proof.add(hash(start, k));
        }
    }

    /** MTH(D[start : start + size]). */
    private byte[] hash(long start, long size) {
        if (size == 1) {
            return leafHash.apply(start);
        }
        boolean complete = Long.bitCount(size) == 1 && start % size == 0;
        if (complete) {
            Long key = (start / size) << 6 | Long.numberOfTrailingZeros(size);
            byte[] known = completeSubtrees.get(key);
            if (known != null) {
                return known;
            }
            byte[] computed = split(start, size);
            completeSubtrees.put(key, computed);
            return computed;
        }
        return split(start, size);
    }

    private byte[] split(long start, long size) {
        long k = largestPowerOfTwoBelow(size);
        return nodeHash(hash(start, k), hash(start + k, size - k));
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The largest power of two strictly smaller than {@code n} (n &gt; 1), the RFC's k. */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
