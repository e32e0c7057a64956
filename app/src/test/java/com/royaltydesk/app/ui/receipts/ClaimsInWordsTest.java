package com.royaltydesk.app.ui.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimsInWordsTest {

    private static Map<String, Object> payload(Object portion) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("dataset_id", "ds_poems");
        payload.put("creator_id", "creator_7");
        payload.put("model_id", "model-x");
        payload.put("portion_used", portion);
        payload.put("license", "cc-by-4.0");
        payload.put("artifact_hash", "sha256:" + "ab".repeat(32));
        return payload;
    }

    @Test
    void everyClaimInOneSentence_portionExact_datesInTheLocale() {
        String words = new ClaimsInWords(Locale.US, ZoneOffset.UTC)
                .describe(
                        payload(0.125),
                        Instant.parse("2026-11-30T01:48:21Z"),
                        Instant.parse("2031-12-04T01:48:21Z"),
                        false);

        assertThat(words)
                .startsWith("dataset ds_poems of creator creator_7 was used to train model model-x, 12.5 % of it,"
                        + " under license cc-by-4.0.")
                .contains("Recorded Nov 30, 2026, 1:48 AM; the receipt is valid until Dec 4, 2031, 1:48 AM.")
                .contains("Model artifact sha256:abab");
    }

    @Test
    void germanLocale_decimalComma_andASandboxReceiptSaysSoFirst() {
        String words = new ClaimsInWords(Locale.GERMANY, ZoneOffset.UTC)
                .describe(payload("0.0001234"), Instant.parse("2026-11-30T01:48:21Z"), null, true);

        assertThat(words)
                .startsWith("Sandbox receipt, not evidence: dataset ds_poems")
                .contains("0,01234 % of it");
    }

    @Test
    void nothingToRead_nothingSaid() {
        assertThat(new ClaimsInWords(Locale.US, ZoneOffset.UTC).describe(Map.of(), null, null, false))
                .isEmpty();
    }
}
