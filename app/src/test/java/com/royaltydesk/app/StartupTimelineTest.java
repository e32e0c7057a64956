package com.royaltydesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupTimelineTest {

    @Test
    void summary_stepsInTimeOrder_aStepMarkedTwiceKeepsItsFirstTime() throws Exception {
        StartupTimeline.mark("timeline test: first");
        String once = StartupTimeline.summary();
        Thread.sleep(20);
        StartupTimeline.mark("timeline test: second");
        StartupTimeline.mark("timeline test: first");

        String summary = StartupTimeline.summary();

        assertThat(summary).containsOnlyOnce("timeline test: first");
        assertThat(summary.indexOf("timeline test: first")).isLessThan(summary.indexOf("timeline test: second"));
        String first = once.replaceAll(".*timeline test: first (\\d+) ms.*", "$1");
        assertThat(summary).contains("timeline test: first " + first + " ms");
        assertThat(summary).matches(".*timeline test: second \\d+ ms.*");
    }
}
