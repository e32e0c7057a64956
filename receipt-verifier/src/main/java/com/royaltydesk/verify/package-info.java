/**
 * Receipt verification with nothing but public data: {@link com.royaltydesk.verify.ReceiptVerifier}
 * checks a receipt JWT against a JWKS, {@link com.royaltydesk.verify.MerkleProofs} checks log proofs
 * by RFC 9162's algorithms, and {@link com.royaltydesk.verify.BundleVerifier} checks an offline
 * bundle end to end. No server, no UI, no network: the desktop app and the platform's tests share it.
 */
package com.royaltydesk.verify;
