package com.royaltydesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
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
        String summary = ProcessFigures.summary();

        assertThat(summary).matches("usable \\d+ ms after launch, resident memory \\d+ MB \\(private \\d+ MB\\)");
    }

    @Test
    void sinceLaunch_fromTheStartTickAndUptime_evenWithSpacesAndParenthesesInTheName() {
        // Fields after the name: state, ppid, … field 22 (starttime) is 123456 ticks = 1234.56 s after boot.
        String stat = "4242 (java (my app)) S 1 4242 4242 0 -1 4194304 100 0 0 0 5 3 0 0 20 0 42 0 123456 9000 200";

        assertThat(ProcessFigures.sinceLaunch(stat, "1236.01 5000.00\n")).isEqualTo(Duration.ofMillis(1450));
    }

    @Test
    void sinceLaunch_thisProcess_agreesWithTheJvmsOwnUptime() {
        long jvmUptime = ManagementFactory.getRuntimeMXBean().getUptime();
        long sinceLaunch = ProcessFigures.sinceLaunch().orElseThrow().toMillis();

        // Both count from about the same moment, the OS in 10 ms ticks (measured here: within
        // 30 ms). ProcessHandle's whole-second boot time was off by up to 1,000 ms on some boots
        // (1.0 s in issue #17; 15 ms on the boot this was written on, so this bound cannot show that
        // bug everywhere — the parsing test above pins the arithmetic).
        assertThat(sinceLaunch).isBetween(jvmUptime - 100, jvmUptime + 300);
    }
}
