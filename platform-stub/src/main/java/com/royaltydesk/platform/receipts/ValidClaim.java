package com.royaltydesk.platform.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * A proof-of-training claim that passed validation: the dataset exists and belongs to the creator,
 * and every field is within its rules. Only {@link ClaimValidator} makes these.
 */
public record ValidClaim(
        String datasetId,
        String datasetSha256,
        String creatorId,
        String modelId,
        String artifactHash,
        JsonNode evidence,
        String license,
        BigDecimal portionUsed,
        String notes,
        boolean sandbox) {}
