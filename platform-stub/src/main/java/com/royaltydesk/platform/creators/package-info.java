/** Creators: sign-up with a first API key, KYC status. */
package com.royaltydesk.platform.creators;
