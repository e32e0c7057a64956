/**
 * Operators' metrics: {@code PlatformMetrics} keeps Micrometer's Prometheus registry to itself; the
 * rest of the platform calls its plain methods. Depends on no other package of the platform.
 */
package com.royaltydesk.platform.metrics;
