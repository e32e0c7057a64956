/**
 * Money: reports and previews from rollups, settlements over an append-only ledger (exact
 * arithmetic, one half-even rounding per payout line, carries), payouts, statements with digests,
 * balances and disputes. See docs/decisions/0001 and 0007.
 */
package com.royaltydesk.platform.billing;
