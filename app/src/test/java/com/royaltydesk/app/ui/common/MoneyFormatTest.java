package com.royaltydesk.app.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MoneyFormatTest {

    @Test
    void format_usEnglish_currencyAndMinorDigits() {
        assertThat(new MoneyFormat(Locale.US).format(new BigDecimal("1234.5"), "USD"))
                .isEqualTo("$1,234.50");
    }

    @Test
    void format_subCentAmount_keptExactNotRounded() {
        assertThat(new MoneyFormat(Locale.US).format(new BigDecimal("0.0003"), "USD"))
                .isEqualTo("$0.0003");
    }

    @Test
    void format_germanLocale_localSeparatorsAndEuroSign() {
        assertThat(new MoneyFormat(Locale.GERMANY).format(new BigDecimal("1234.5"), "EUR"))
                .isEqualTo("1.234,50\u00a0€"); // CLDR: a non-breaking space before the sign
    }

    @Test
    void format_yenHasNoMinorUnit() {
        assertThat(new MoneyFormat(Locale.JAPAN).format(new BigDecimal("1500"), "JPY"))
                .contains("1,500")
                .doesNotContain(".");
    }

    @Test
    void format_missing_dash() {
        assertThat(new MoneyFormat(Locale.US).format(null, "USD")).isEqualTo("—");
    }
}
