/**
 * Proof-of-training receipts: validation of claims, signing keys with rotation and the public JWKS,
 * signing (EdDSA by default, ES256 by choice), storage together with the log entry, checkpoints,
 * proofs and offline bundles.
 */
package com.royaltydesk.platform.receipts;
