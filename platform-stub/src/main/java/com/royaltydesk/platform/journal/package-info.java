/**
 * The append-only, checksummed journal that is to carry every acknowledged write ahead of H2
 * (decision 0017): group-committed with {@code fdatasync}, a torn tail cut back to its last whole
 * record, damage before the tail refused, never skipped.
 */
package com.royaltydesk.platform.journal;
