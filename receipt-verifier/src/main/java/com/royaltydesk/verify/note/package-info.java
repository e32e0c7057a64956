/**
 * C2SP signed notes, verifier keys ({@code vkey}), checkpoints and cosignatures, read and checked
 * from the published format alone (the platform signs with its own code, so one cannot hide the
 * other's mistake). Tested against Go's checksum-database vectors.
 */
package com.royaltydesk.verify.note;
