package com.royaltydesk.app.ui.receipts;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;

/**
 * What a receipt claims, in one sentence a creator or a reviewer reads before any JSON: which
 * dataset of which creator trained which model, how much of it, under which license, and when.
 * Numbers and dates in the user's locale; the portion exact (0.125 reads 12.5 %, never rounded).
 */
final class ClaimsInWords {

    private final Locale locale;
    private final DateTimeFormatter when;

    ClaimsInWords(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(zone);
    }

    /** The sentence for a receipt's payload and times; empty when there is no payload to read. */
    String describe(Map<String, Object> payload, Instant issuedAt, Instant expiresAt, boolean sandbox) {
        if (payload == null || payload.isEmpty()) {
            return "";
        }
        StringBuilder words = new StringBuilder(sandbox ? "Sandbox receipt, not evidence: " : "");
        words.append("dataset ").append(text(payload, "dataset_id"));
        words.append(" of creator ").append(text(payload, "creator_id"));
        words.append(" was used to train model ").append(text(payload, "model_id"));
        Object portion = payload.get("portion_used");
        if (portion != null) {
            words.append(", ").append(percent(portion)).append(" of it");
        }
        Object license = payload.get("license");
        if (license != null) {
            words.append(", under license ").append(license);
        }
        words.append('.');
        if (issuedAt != null) {
            words.append(" Recorded ").append(when.format(issuedAt));
            if (expiresAt != null) {
                words.append("; the receipt is valid until ").append(when.format(expiresAt));
            }
            words.append('.');
        }
        Object artifact = payload.get("artifact_hash");
        if (artifact != null) {
            words.append(" Model artifact ").append(artifact).append('.');
        }
        return words.toString();
    }

    private static String text(Map<String, Object> payload, String name) {
        Object value = payload.get(name);
        return value == null ? "(not stated)" : value.toString();
    }

    /** A portion in (0, 1] as a percentage, every digit kept. */
    private String percent(Object portion) {
        try {
            BigDecimal hundredths =
                    new BigDecimal(portion.toString()).movePointRight(2).stripTrailingZeros();
            NumberFormat format = NumberFormat.getNumberInstance(locale);
            format.setMaximumFractionDigits(Math.max(0, hundredths.scale()));
            return format.format(hundredths) + " %";
        } catch (NumberFormatException e) {
            return portion + " (as stated)";
        }
    }
}
