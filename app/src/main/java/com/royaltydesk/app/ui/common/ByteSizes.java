package com.royaltydesk.app.ui.common;

import java.text.NumberFormat;
import java.util.Locale;

/** Byte counts for people, in the user's locale: 1,234 bytes, 12.3 MB, 3.1 GB (decimal units). */
public final class ByteSizes {

    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    private final Locale locale;

    public ByteSizes(Locale locale) {
        this.locale = locale;
    }

    public String format(long bytes) {
        if (bytes < 1000) {
            return NumberFormat.getIntegerInstance(locale).format(bytes) + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(1);
        format.setMinimumFractionDigits(1);
        return format.format(value) + " " + UNITS[unit];
    }

    /** A rate such as "412.5 MB/s". */
    public String perSecond(double bytesPerSecond) {
        return format((long) bytesPerSecond) + "/s";
    }
}
