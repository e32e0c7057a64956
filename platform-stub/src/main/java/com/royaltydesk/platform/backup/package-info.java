/**
 * Backups of a platform's data folder: a consistent copy made while the platform runs (H2's online
 * {@code BACKUP}), with the key-encryption key and a manifest of SHA-256s, and its restore while the
 * platform is stopped (decision 0017).
 */
package com.royaltydesk.platform.backup;
