/**
 * A verifier's memory of the logs it has seen: the newest checkpoint per origin, a history, and
 * fork evidence — so a log cannot show this machine two histories unseen.
 */
package com.royaltydesk.verify.state;
