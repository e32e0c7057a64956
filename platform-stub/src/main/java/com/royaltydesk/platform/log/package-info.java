/**
 * The append-only receipt log: an RFC 6962/9162 Merkle tree over receipts' JWT bytes in issue order,
 * with roots, inclusion proofs and consistency proofs. Verification lives elsewhere (the
 * receipt-verifier module) so proofs are never checked by the code that built them.
 */
package com.royaltydesk.platform.log;
