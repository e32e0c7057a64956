package com.royaltydesk.app.review;

import com.royaltydesk.verify.LogFreshness;
import java.time.Instant;

/**
 * "Check online…": where the reviewer asked, when, and whether the platform's log today still
 * extends the checkpoint the bundle was proven against ({@link LogFreshness}).
 */
public record OnlineCheck(String address, Instant at, LogFreshness.Result result) {

    public String words() {
        LogFreshness.Result r = result;
        String head = "Checked online at " + address + " on " + ReviewWords.when(at) + ": ";
        if (r.newestSize() < 0) {
            return head + "could not be compared — " + r.detail() + ".";
        }
        return head + (r.consistent() ? "still consistent — " : "NOT consistent — ") + r.detail()
                + " (newest checkpoint " + r.newestSize() + " entries, signed "
                + (r.newestTime() == null ? "at an unknown time" : ReviewWords.when(r.newestTime())) + ").";
    }
}
