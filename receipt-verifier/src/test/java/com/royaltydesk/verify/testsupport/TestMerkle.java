package com.royaltydesk.verify.testsupport;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 §2.1 Merkle tree hashes and proofs, written recursively from the RFC's definitions
 * (MTH, PATH, SUBPROOF) for tests; the verifier checks them with its own iterative code.
 */
final class TestMerkle {

    private TestMerkle() {}

    static byte[] leaf(byte[] entry) {
        return hash(new byte[] {0}, entry);
    }

    static byte[] root(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return hash(new byte[0], new byte[0]);
        }
        if (n == 1) {
            return leaves.get(from);
        }
        int k = split(n);
        return hash(new byte[] {1}, concat(root(leaves, from, from + k), root(leaves, from + k, to)));
    }

    static List<byte[]> inclusion(List<byte[]> leaves, int m, int from, int to) {
        int n = to - from;
        List<byte[]> path = new ArrayList<>();
        if (n <= 1) {
            return path;
        }
        int k = split(n);
        if (m < k) {
            path.addAll(inclusion(leaves, m, from, from + k));
            path.add(root(leaves, from + k, to));
        } else {
            path.addAll(inclusion(leaves, m - k, from + k, to));
            path.add(root(leaves, from, from + k));
        }
        return path;
    }

    static List<byte[]> consistency(List<byte[]> leaves, int m, int n) {
        return subproof(leaves, m, 0, n, true);
    }

    private static List<byte[]> subproof(List<byte[]> leaves, int m, int from, int to, boolean b) {
        int n = to - from;
        List<byte[]> path = new ArrayList<>();
        if (m == n) {
            if (!b) {
                path.add(root(leaves, from, to));
            }
            return path;
        }
        int k = split(n);
        if (m <= k) {
            path.addAll(subproof(leaves, m, from, from + k, b));
            path.add(root(leaves, from + k, to));
        } else {
            path.addAll(subproof(leaves, m - k, from + k, to, false));
            path.add(root(leaves, from, from + k));
        }
        return path;
    }

    private static int split(int n) {
        int k = 1;
        while (k << 1 < n) {
            k <<= 1;
        }
        return k;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hash(byte[] prefix, byte[] data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prefix);
            sha.update(data);
            return sha.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
