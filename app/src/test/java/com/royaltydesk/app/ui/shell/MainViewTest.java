package com.royaltydesk.app.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.testutil.FxThreadRobot;
import com.royaltydesk.app.testutil.QueueExecutor;
import com.royaltydesk.app.ui.status.StatusBarViewModel;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** Pages are built the first time they are opened, once, so start-up pays only for the first. */
class MainViewTest extends FxThreadRobot {

    private final ScheduledExecutorService workers = Executors.newSingleThreadScheduledExecutor();
    private final Map<Section, Integer> built = new EnumMap<>(Section.class);

    @AfterEach
    void close() {
        workers.shutdownNow();
    }

    @Test
    void pages_builtWhenFirstOpened_andOnlyOnce() throws Exception {
        FxToolkit.registerPrimaryStage();
        MainViewModel viewModel = new MainViewModel(
                new StatusBarViewModel(new BackgroundTasks(workers, new QueueExecutor())), Section.ASSETS);
        Map<Section, Supplier<? extends Node>> builders = new EnumMap<>(Section.class);
        for (Section section : Section.values()) {
            builders.put(section, () -> {
                built.merge(section, 1, Integer::sum);
                return new Label(section.title());
            });
        }

        interact(() -> new MainView(viewModel, builders));
        assertThat(built).containsExactly(Map.entry(Section.ASSETS, 1));

        interact(() -> viewModel.select(Section.DEMOS));
        interact(() -> viewModel.select(Section.ASSETS));
        interact(() -> viewModel.select(Section.DEMOS));

        assertThat(built).containsOnly(Map.entry(Section.ASSETS, 1), Map.entry(Section.DEMOS, 1));
    }
}
