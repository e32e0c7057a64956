/**
 * What a verifier trusts (SPEC §2a): trust roots with keys, purposes, environments and validity
 * windows; the witness policy; the {@link com.royaltydesk.verify.trust.TrustPolicy} that holds
 * them. Keys carried inside a bundle never get here.
 */
package com.royaltydesk.verify.trust;
