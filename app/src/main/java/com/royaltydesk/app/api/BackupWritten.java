package com.royaltydesk.app.api;

import java.time.Instant;
import java.util.List;

/** A backup the platform wrote of its data folder: where, how large, and the SHA-256 to check it by. */
public record BackupWritten(String file, long bytes, String sha256, Instant createdAt, List<String> entries) {}
