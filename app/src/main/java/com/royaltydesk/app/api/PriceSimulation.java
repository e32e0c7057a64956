package com.royaltydesk.app.api;

import java.math.BigDecimal;
import java.util.List;

/** {@code POST /v1/price-simulations}: an asset's months under another price, beside what it earned. */
public record PriceSimulation(
        String assetId,
        String assetName,
        String currency,
        PriceModel priceModelInForce,
        PriceModel candidate,
        String from,
        String to,
        List<Month> months,
        BigDecimal actualTotal,
        BigDecimal simulatedTotal,
        BigDecimal difference,
        List<String> notes) {

    /** One month; {@code settled}: {@code actual} is what settlement booked, else usage earnings so far. */
    public record Month(
            String period,
            boolean settled,
            long events,
            long tokens,
            BigDecimal revenue,
            BigDecimal actual,
            BigDecimal simulated,
            BigDecimal difference) {}
}
