package com.royaltydesk.platform.assets;

import java.time.Duration;

/**
 * Bounds on content uploads, each a 4xx that names it when hit.
 *
 * @param maxBytes the largest content accepted (registration and upload); at most 1 TiB
 * @param readTimeout how long an upload may send nothing before it is dropped (408)
 * @param maxConcurrent uploads in flight at once on one instance; one more is a 429 with Retry-After
 */
public record UploadLimits(long maxBytes, Duration readTimeout, int maxConcurrent) {

    /** The ceiling of {@link #maxBytes}: 1 TiB. */
    public static final long CEILING_BYTES = 1L << 40;

    public static final UploadLimits DEFAULTS = new UploadLimits(CEILING_BYTES, Duration.ofSeconds(30), 4);

    public UploadLimits {
        if (maxBytes < 1 || maxBytes > CEILING_BYTES) {
            throw new IllegalArgumentException("the upload size cap must be from 1 to " + CEILING_BYTES + " bytes");
        }
        if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("the upload read timeout must be positive");
        }
        if (maxConcurrent < 1 || maxConcurrent > 1_000) {
            throw new IllegalArgumentException("concurrent uploads must be from 1 to 1000");
        }
    }
}
