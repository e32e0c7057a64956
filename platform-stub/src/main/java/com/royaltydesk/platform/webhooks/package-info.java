/**
 * Webhooks: endpoints, an outbox written in the same transaction as each change, a leased delivery
 * worker with backoff, jitter and a 24-hour horizon, Standard Webhooks signatures and the seed's
 * {@code X-Signature}, delivery logs and redelivery.
 */
package com.royaltydesk.platform.webhooks;
