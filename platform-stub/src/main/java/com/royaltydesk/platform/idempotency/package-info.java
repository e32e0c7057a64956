/** Idempotency-Key support: one result per key and body, a conflict for the same key with another body. */
package com.royaltydesk.platform.idempotency;
