package com.royaltydesk.platform.http;

import com.royaltydesk.platform.assets.PriceModel;
import com.royaltydesk.platform.billing.PriceSimulator;
import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.keys.Principal;
import com.royaltydesk.platform.keys.Role;
import com.royaltydesk.platform.usage.Periods;
import io.javalin.http.Context;

/**
 * {@code POST /v1/price-simulations}: what an asset would have earned under another price model over
 * past months, beside what it did ({@link PriceSimulator}). A question, not a change: nothing is
 * stored, so it answers 200. A creator asks about their own assets, the platform about any.
 */
public final class PriceSimulationsHandler {

    /** The question: which asset, which candidate price, which months (YYYY-MM, both included). */
    public record SimulationRequest(String assetId, PriceModel priceModel, String from, String to) {}

    private final PriceSimulator simulator;
    private final Auth auth;
    private final RequestBodies bodies;

    public PriceSimulationsHandler(PriceSimulator simulator, Auth auth, RequestBodies bodies) {
        this.simulator = simulator;
        this.auth = auth;
        this.bodies = bodies;
    }

    public void simulate(Context ctx) {
        Principal caller = auth.require(ctx, Role.CREATOR, Role.PLATFORM);
        SimulationRequest request = bodies.read(ctx, SimulationRequest.class);
        ctx.json(simulator.simulate(
                caller.is(Role.PLATFORM) ? null : caller.creatorId(),
                Validate.id(request.assetId(), "asset_id"),
                request.priceModel(),
                Periods.parse(request.from(), "from"),
                Periods.parse(request.to(), "to")));
    }
}
