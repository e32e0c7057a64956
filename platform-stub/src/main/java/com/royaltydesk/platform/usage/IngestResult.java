package com.royaltydesk.platform.usage;

import java.util.List;

/**
 * The outcome of one batch: accepted events are stored and counted, duplicates were already stored
 * (now or before), held events are stored but not paid until released, rejected ones changed nothing.
 */
public record IngestResult(int accepted, int duplicates, int held, List<Rejection> rejected, String processingBatch) {}
