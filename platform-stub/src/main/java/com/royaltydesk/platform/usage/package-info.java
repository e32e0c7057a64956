/**
 * Usage ingestion: per-event validation and attribution (receipt → asset → creator), exact pricing,
 * per-host deduplication, holds for anomalous bursts, and the daily rollups that reports read.
 */
package com.royaltydesk.platform.usage;
