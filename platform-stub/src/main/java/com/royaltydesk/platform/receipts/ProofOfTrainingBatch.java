package com.royaltydesk.platform.receipts;

import java.util.List;

/** {@code POST /v1/proof-of-training/batch}: several claims, issued together or not at all. */
public record ProofOfTrainingBatch(List<ProofOfTraining> claims) {}
