package com.royaltydesk.platform.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** {@code POST /v1/proof-of-training} as in the seed. */
public record ProofOfTraining(
        String datasetId, String creatorId, String modelId, String artifactHash, JsonNode evidence, Metadata metadata) {

    /** The seed's {@code metadata}: license, the portion of the dataset used, free-form notes. */
    public record Metadata(String license, BigDecimal portionUsed, String notes) {}
}
