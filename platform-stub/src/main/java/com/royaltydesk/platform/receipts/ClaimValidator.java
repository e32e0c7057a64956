package com.royaltydesk.platform.receipts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.assets.Asset;
import com.royaltydesk.platform.assets.AssetService;
import com.royaltydesk.platform.assets.Licenses;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Validate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a {@link ProofOfTraining} against the rules and the asset registry. */
public final class ClaimValidator {

    public static final int MAX_EVIDENCE_BYTES = 4096;
    private static final int MAX_NOTES = 500;
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/\\-]{0,127}");

    private final AssetService assets;
    private final ObjectMapper json;

    public ClaimValidator(AssetService assets, ObjectMapper json) {
        this.assets = assets;
        this.json = json;
    }

    public ValidClaim validate(ProofOfTraining request, boolean sandbox) {
        return validate(request, sandbox, new HashMap<>());
    }

    /**
     * Every claim of a batch, or the first one's failure named by its place ({@code claims[3]…}):
     * a batch is issued whole or not at all. Each dataset is read once per batch.
     */
    public List<ValidClaim> validateAll(List<ProofOfTraining> requests) {
        Map<String, Asset> datasetsRead = new HashMap<>();
        List<ValidClaim> valid = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            try {
                if (requests.get(i) == null) {
                    throw ApiException.invalid(null, "a claim must be a JSON object.");
                }
                valid.add(validate(requests.get(i), false, datasetsRead));
            } catch (ApiException e) {
                throw e.within("claims[" + i + "]");
            }
        }
        return valid;
    }

    private ValidClaim validate(ProofOfTraining request, boolean sandbox, Map<String, Asset> datasetsRead) {
        String datasetId = Validate.id(request.datasetId(), "dataset_id");
        String creatorId = Validate.id(request.creatorId(), "creator_id");
        String modelId = modelId(request.modelId());
        String artifactHash = Validate.sha256(request.artifactHash(), "artifact_hash");
        checkEvidence(request);
        ProofOfTraining.Metadata metadata = request.metadata();
        if (metadata == null) {
            throw ApiException.invalid("metadata", "metadata with license and portion_used is required.");
        }
        String license = Licenses.validate(metadata.license(), "metadata.license");
        BigDecimal portion = portion(metadata.portionUsed());
        String notes = Validate.optionalText(metadata.notes(), "metadata.notes", MAX_NOTES);
        Asset asset = dataset(datasetId, creatorId, datasetsRead);
        return new ValidClaim(
                datasetId,
                asset.sha256(),
                creatorId,
                modelId,
                artifactHash,
                request.evidence(),
                license,
                portion,
                notes,
                sandbox);
    }

    public static String modelId(String modelId) {
        if (modelId == null || !MODEL_ID.matcher(modelId).matches()) {
            throw ApiException.invalid(
                    "model_id",
                    "model_id must be 1-128 characters of letters, digits and . _ : / - (starting with a letter or digit).");
        }
        return modelId;
    }

    /** The creator's dataset, whose content an upload has proven: a receipt names only proven content. */
    private Asset dataset(String datasetId, String creatorId, Map<String, Asset> datasetsRead) {
        Asset asset = datasetsRead.get(datasetId);
        if (asset == null) {
            try {
                asset = assets.get(null, datasetId);
                datasetsRead.put(datasetId, asset);
            } catch (ApiException notFound) {
                // the same answer as a dataset of another creator
            }
        }
        if (asset == null || !asset.creatorId().equals(creatorId)) {
            throw ApiException.invalid(
                    "dataset_id", "No dataset " + datasetId + " is registered to " + creatorId + ".");
        }
        if (!asset.proven()) {
            throw ApiException.conflict(
                    "content_not_proven",
                    "Dataset " + datasetId + " has no proven content yet: its creator must upload it before"
                            + " proof-of-training can name it.");
        }
        return asset;
    }

    private void checkEvidence(ProofOfTraining request) {
        if (request.evidence() == null) {
            return;
        }
        if (!request.evidence().isObject()) {
            throw ApiException.invalid("evidence", "evidence must be a JSON object.");
        }
        try {
            if (json.writeValueAsBytes(request.evidence()).length > MAX_EVIDENCE_BYTES) {
                throw ApiException.invalid(
                        "evidence", "evidence must be at most " + MAX_EVIDENCE_BYTES + " bytes of JSON.");
            }
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("evidence", "evidence is not valid JSON.");
        }
    }

    private static BigDecimal portion(BigDecimal portion) {
        if (portion == null || portion.signum() <= 0 || portion.compareTo(BigDecimal.ONE) > 0) {
            throw ApiException.invalid("metadata.portion_used", "portion_used must be greater than 0 and at most 1.");
        }
        if (portion.stripTrailingZeros().scale() > 18) {
            throw ApiException.invalid("metadata.portion_used", "portion_used may have at most 18 decimal places.");
        }
        return portion.stripTrailingZeros();
    }
}
