package com.royaltydesk.app;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * When each step of start-up finished, counted from process launch, so the smoke test's benchmark
 * line can say where the time before "usable" went (BENCHMARKS.md). Marked from several threads;
 * a step marked twice keeps its first time.
 */
final class StartupTimeline {

    private record Mark(String step, long millis) {}

    private static final List<Mark> MARKS = new CopyOnWriteArrayList<>();

    private StartupTimeline() {}

    static void mark(String step) {
        if (MARKS.stream().noneMatch(m -> m.step().equals(step))) {
            ProcessFigures.sinceLaunch().ifPresent(d -> MARKS.add(new Mark(step, d.toMillis())));
        }
    }

    /** E.g. {@code main 310 ms, window shown 1200 ms, platform started 2300 ms}, in time order. */
    static String summary() {
        return MARKS.stream()
                .sorted(Comparator.comparingLong(Mark::millis))
                .map(m -> m.step() + " " + m.millis() + " ms")
                .collect(Collectors.joining(", "));
    }
}
