package com.royaltydesk.platform.journal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child process for {@link JournalTest}: appends records durably and prints each sequence number
 * only after {@code appendDurably} returned — its acknowledgement — until it is killed.
 */
public final class JournalWriterProcess {

    public static void main(String[] args) {
        try (Journal journal = Journal.open(Path.of(args[0]), Long.parseLong(args[1]))) {
            while (true) {
                long next = journal.lastSeq() + 1;
                long seq = journal.appendDurably(
                        ("record " + next).repeat(1 + (int) (next % 50)).getBytes(StandardCharsets.UTF_8));
                System.out.println(seq);
                System.out.flush();
            }
        }
    }
}
