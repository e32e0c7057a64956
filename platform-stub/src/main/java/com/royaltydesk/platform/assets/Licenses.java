package com.royaltydesk.platform.assets;

import com.royaltydesk.platform.core.ApiException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Licenses an asset may carry: common SPDX identifiers (lowercase) and, for anything else, a
 * {@code licenseref-<name>} in the SPDX way of naming a custom license.
 */
public final class Licenses {

    public static final Set<String> KNOWN = Set.of(
            "cc0-1.0",
            "cc-by-4.0",
            "cc-by-sa-4.0",
            "cc-by-nc-4.0",
            "cc-by-nc-sa-4.0",
            "cc-by-nd-4.0",
            "cc-by-nc-nd-4.0",
            "odc-by-1.0",
            "odbl-1.0",
            "mit",
            "apache-2.0",
            "proprietary");

    private static final Pattern CUSTOM = Pattern.compile("licenseref-[a-z0-9][a-z0-9.\\-]{0,47}");

    private Licenses() {}

    public static String validate(String license, String field) {
        if (license == null || license.isBlank()) {
            throw ApiException.invalid(field, "license is required.");
        }
        String normalized = license.strip().toLowerCase(Locale.ROOT);
        if (KNOWN.contains(normalized) || CUSTOM.matcher(normalized).matches()) {
            return normalized;
        }
        throw ApiException.invalid(
                field,
                "license must be an SPDX identifier such as cc-by-4.0, or licenseref-<name> for a custom license.");
    }
}
