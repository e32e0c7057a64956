package com.royaltydesk.verify.note;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The body of a C2SP {@code tlog-checkpoint}: origin, tree size (decimal, no leading zeros) and the
 * base64 root hash, then optional extension lines.
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash, List<String> extensions) {

    public Checkpoint {
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
    }

    public static Checkpoint parse(String text) throws NoteException {
        if (!text.endsWith("\n")) {
            throw new NoteException("a checkpoint's text ends in a newline");
        }
        List<String> lines = List.of(text.substring(0, text.length() - 1).split("\n", -1));
        if (lines.size() < 3 || lines.stream().anyMatch(String::isEmpty)) {
            throw new NoteException("a checkpoint has an origin, a tree size and a root hash, each on its own line");
        }
        String size = lines.get(1);
        if (!size.matches("0|[1-9][0-9]{0,18}")) {
            throw new NoteException("a checkpoint's tree size is a decimal number without leading zeros");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines.get(2));
        } catch (IllegalArgumentException e) {
            throw new NoteException("a checkpoint's root hash is base64");
        }
        if (root.length != 32) {
            throw new NoteException("a checkpoint's root hash is 32 bytes");
        }
        long treeSize;
        try {
            treeSize = Long.parseLong(size);
        } catch (NumberFormatException e) {
            throw new NoteException("a checkpoint's tree size is out of range");
        }
        return new Checkpoint(lines.get(0), treeSize, root, lines.subList(3, lines.size()));
    }

    public String rootHashHex() {
        return HexFormat.of().formatHex(rootHash);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** Same origin, size and root. */
    public boolean sameHead(Checkpoint other) {
        return origin.equals(other.origin) && treeSize == other.treeSize && Arrays.equals(rootHash, other.rootHash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint c && sameHead(c) && extensions.equals(c.extensions);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Long.hashCode(treeSize);
    }
}
