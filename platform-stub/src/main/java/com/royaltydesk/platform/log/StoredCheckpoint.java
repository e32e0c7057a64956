package com.royaltydesk.platform.log;

import java.time.Instant;

/** A checkpoint as the platform signed and stored it; {@code note} holds only the log's signature. */
public record StoredCheckpoint(long treeSize, String rootHash, String kid, Instant signedAt, String note) {}
