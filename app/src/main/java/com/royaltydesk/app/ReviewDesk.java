package com.royaltydesk.app;

import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.content.ContentHasher;
import com.royaltydesk.app.review.BundleFiles;
import com.royaltydesk.app.ui.common.DialogService;
import com.royaltydesk.app.ui.review.ReviewViewModel;
import com.royaltydesk.app.ui.review.ReviewWindow;
import com.royaltydesk.app.verify.ReceiptChecker;
import com.royaltydesk.app.verify.TrustStore;
import com.royaltydesk.platform.core.Version;
import com.royaltydesk.verify.state.FileCheckpointMemory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.stage.Stage;

/**
 * Opens the reviewer's desk (issue #18) on the trust roots and checkpoint memory in {@code dataDir}:
 * from {@link ReviewApp} (no sign-in, no platform) and from any app window bundles are dropped on.
 */
public final class ReviewDesk {

    private ReviewDesk() {}

    /** A new Review window with {@code files} opened in it; returns its view model. */
    public static ReviewViewModel open(
            Stage stage,
            BackgroundTasks tasks,
            TrustStore trust,
            Path dataDir,
            DialogService dialogs,
            List<Path> files) {
        Clock clock = Clock.systemUTC();
        ReceiptChecker checker =
                new ReceiptChecker(clock, trust, new FileCheckpointMemory(dataDir.resolve("checkpoints")));
        ReviewViewModel viewModel =
                new ReviewViewModel(tasks, checker, trust, new ContentHasher(), clock, Version.current());
        ReviewWindow.show(stage, viewModel, dialogs, App.class.getResource("app.css"));
        viewModel.open(files);
        return viewModel;
    }

    /** Whether these command-line arguments ask for the reviewer's desk: {@code review …}, or bundle files (a double-click). */
    public static boolean asked(List<String> args) {
        if (!args.isEmpty() && args.get(0).equals(ReviewApp.COMMAND)) {
            return true;
        }
        return args.stream().anyMatch(a -> !a.startsWith("--") && BundleFiles.isBundleName(a));
    }
}
