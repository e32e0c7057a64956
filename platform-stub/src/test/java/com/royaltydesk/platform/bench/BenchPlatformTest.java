package com.royaltydesk.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.testutil.NoDatabase;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' own arithmetic, which their printed numbers rest on: a process's CPU seconds read
 * from {@code /proc} (the receipts benchmark divides them by receipts) and the percentiles.
 */
@Tag(NoDatabase.TAG)
class BenchPlatformTest {

    @Test
    void cpuSeconds_ofThisProcess_growsByTheWorkDone() throws Exception {
        long pid = ProcessHandle.current().pid();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double before = BenchPlatform.cpuSeconds(pid);
        long wallBefore = System.nanoTime();
        // Half a second of this thread's own CPU, however long a loaded machine takes to give it.
        long busyUntil = threads.getCurrentThreadCpuTime() + 500_000_000L;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[4096];
        while (threads.getCurrentThreadCpuTime() < busyUntil) {
            block = sha.digest(block);
        }
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        double after = BenchPlatform.cpuSeconds(pid);

        assertThat(before).isGreaterThanOrEqualTo(0);
        assertThat(after - before)
                .as("CPU seconds the process used while one thread spun for 0.5 s of CPU (ticks are 10 ms)")
                .isGreaterThanOrEqualTo(0.48)
                .isLessThanOrEqualTo(wall * Runtime.getRuntime().availableProcessors() + 0.02);
    }

    @Test
    void cpuSeconds_ofNoSuchProcess_isMinusOne() {
        assertThat(BenchPlatform.cpuSeconds(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void percentile_ofSortedLatencies_inMilliseconds() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (i + 1) * 1_000_000L;
        }

        assertThat(BenchPlatform.percentile(nanos, 50)).isEqualTo(50.0);
        assertThat(BenchPlatform.percentile(nanos, 99)).isEqualTo(99.0);
        assertThat(BenchPlatform.percentile(new long[0], 99)).isZero();
    }
}
