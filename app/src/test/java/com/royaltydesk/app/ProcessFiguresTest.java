package com.royaltydesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProcessFiguresTest {

    @Test
    void residentKb_procStatusText_readsVmRss() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  215332 kB\nThreads:\t42\n";

        assertThat(ProcessFigures.residentKb(status)).hasValue(215332);
    }

    @Test
    void statusField_rssAnon_readsThePrivatePart() {
        String status = "Name:\tjava\nVmRSS:\t  215332 kB\nRssAnon:\t  150100 kB\nRssFile:\t   65232 kB\n";
        assertThat(ProcessFigures.statusField(status, "RssAnon:")).hasValue(150100);
    }

    @Test
    void residentKb_noVmRssLine_empty() {
        assertThat(ProcessFigures.residentKb("Name:\tjava\n")).isEmpty();
    }

    @Test
    void summary_thisProcess_namesTimeAndMemory() {
        String summary = ProcessFigures.summary(Instant.now());

        assertThat(summary).matches("usable \\d+ ms after launch, resident memory \\d+ MB \\(private \\d+ MB\\)");
    }
}
