package com.royaltydesk.verify.note;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note, parsed strictly: the text (ending in a newline), one empty line, then one or
 * more signature lines {@code — NAME base64(keyID ‖ signature)}, each ending in a newline. Parsing
 * checks only the form; {@link NoteVerifier} decides which signatures count.
 */
public record SignedNote(String text, List<Line> signatures) {

    /** At most this many signature lines (Go's note package uses the same bound). */
    public static final int MAX_SIGNATURES = 100;
    /** A note longer than this is refused before it is read. */
    public static final int MAX_BYTES = 1 << 16;

    static final String DASH = "\u2014 ";

    /** One signature line: the key name, its 4-byte key ID and the signature bytes after it. */
    public record Line(String name, byte[] keyId, byte[] signature) {
        String render() {
            byte[] all = new byte[keyId.length + signature.length];
            System.arraycopy(keyId, 0, all, 0, keyId.length);
            System.arraycopy(signature, 0, all, keyId.length, signature.length);
            return DASH + name + " " + Base64.getEncoder().encodeToString(all) + "\n";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Line l
                    && name.equals(l.name)
                    && Arrays.equals(keyId, l.keyId)
                    && Arrays.equals(signature, l.signature);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(signature);
        }
    }

    public SignedNote {
        signatures = List.copyOf(signatures);
    }

    public static SignedNote parse(String note) throws NoteException {
        if (note == null || note.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new NoteException("a signed note must be present and at most " + MAX_BYTES + " bytes");
        }
        if (note.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c))) {
            throw new NoteException("a signed note may not hold control characters other than newline");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new NoteException("malformed note: no empty line between text and signatures");
        }
        String text = note.substring(0, split + 1);
        String block = note.substring(split + 2);
        if (block.isEmpty() || !block.endsWith("\n")) {
            throw new NoteException("malformed note: the signatures must end in a newline");
        }
        List<Line> lines = new ArrayList<>();
        for (String line : block.substring(0, block.length() - 1).split("\n", -1)) {
            if (lines.size() == MAX_SIGNATURES) {
                throw new NoteException("malformed note: more than " + MAX_SIGNATURES + " signatures");
            }
            lines.add(parseLine(line));
        }
        return new SignedNote(text, lines);
    }

    /** The note as it travels: text, empty line, signature lines. */
    public String render() {
        StringBuilder out = new StringBuilder(text).append('\n');
        signatures.forEach(line -> out.append(line.render()));
        return out.toString();
    }

    /** The same note with one more signature line (a witness's cosignature, say). */
    public SignedNote with(Line line) {
        List<Line> more = new ArrayList<>(signatures);
        more.add(line);
        return new SignedNote(text, more);
    }

    private static Line parseLine(String line) throws NoteException {
        if (!line.startsWith(DASH)) {
            throw new NoteException("malformed note: a line after the text is not a signature");
        }
        String rest = line.substring(DASH.length());
        int space = rest.indexOf(' ');
        if (space <= 0) {
            throw new NoteException("malformed note: a signature line needs a name and a signature");
        }
        String name = rest.substring(0, space);
        if (!NoteKey.validName(name)) {
            throw new NoteException("malformed note: bad key name in a signature line");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new NoteException("malformed note: a signature is not base64");
        }
        if (raw.length < 5) {
            throw new NoteException("malformed note: a signature is too short");
        }
        return new Line(name, Arrays.copyOf(raw, 4), Arrays.copyOfRange(raw, 4, raw.length));
    }
}
