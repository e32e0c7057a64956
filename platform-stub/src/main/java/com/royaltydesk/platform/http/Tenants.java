package com.royaltydesk.platform.http;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.keys.Principal;
import com.royaltydesk.platform.keys.Role;
import io.javalin.http.Context;

/**
 * Which creator's data a list request covers. The tenant comes from the key: a creator always gets
 * its own, and naming another creator is "not found"; the platform may ask for anyone or everyone.
 */
final class Tenants {

    private Tenants() {}

    static String scope(Principal caller, String requestedCreator) {
        if (caller.is(Role.CREATOR)) {
            if (requestedCreator != null && !requestedCreator.equals(caller.creatorId())) {
                throw ApiException.notFound("No creator " + requestedCreator + ".");
            }
            return caller.creatorId();
        }
        return requestedCreator == null ? null : Validate.id(requestedCreator, "creator_id");
    }

    /**
     * One creator's data, for a request a creator or the platform may make: a creator gets its own;
     * the platform must say whose ({@code creator_id}).
     */
    static String oneCreator(Auth auth, Context ctx) {
        String creator = scope(auth.require(ctx, Role.CREATOR, Role.PLATFORM), ctx.queryParam("creator_id"));
        if (creator == null) {
            throw ApiException.invalid("creator_id", "creator_id is required with a platform key.");
        }
        return creator;
    }
}
