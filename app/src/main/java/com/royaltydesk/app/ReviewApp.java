package com.royaltydesk.app;

import com.royaltydesk.app.concurrency.AppExecutors;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.ui.common.DialogService;
import com.royaltydesk.app.verify.TrustStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * {@code royalty-desk review [--data-dir=<folder>] [FILE…]}, or a bundle opened from the file
 * manager: the Review window alone — no sign-in, no sandbox started, no platform, no network unless
 * the reviewer fetches a trust root from an address they type (issue #18).
 */
public final class ReviewApp extends Application {

    public static final String COMMAND = "review";
    public static final String USAGE = "Usage: royalty-desk review [--data-dir=<folder>] [--smoke-test] [BUNDLE.json…]";

    /**
     * What the command line asked for: where trust lives, the bundles to open, and whether this is a
     * smoke test (open, check, print each verdict, exit 0 — or 1 when nothing could be checked).
     */
    public record Request(Path dataDir, List<Path> files, boolean smokeTest) {

        public Request(Path dataDir, List<Path> files) {
            this(dataDir, files, false);
        }
    }

    /** The smoke test's answer, read by {@link Launcher} once the window closed. */
    static final java.util.concurrent.atomic.AtomicInteger SMOKE_EXIT =
            new java.util.concurrent.atomic.AtomicInteger(1);

    private static volatile Request launchedWith;

    private final Request preset;
    private final DialogService dialogs;
    private AppExecutors executors;

    /** Used by {@code Application.launch}. */
    public ReviewApp() {
        this(null, new DialogService());
    }

    /** Used by tests, with dialogs they answer. */
    public ReviewApp(Request request, DialogService dialogs) {
        this.preset = request;
        this.dialogs = dialogs;
    }

    /** Reads {@code [review] [--data-dir=<folder>] [FILE…]}; an unknown option is an error, not a guess. */
    public static Request parse(List<String> args, Map<String, String> env) {
        List<String> rest = new ArrayList<>(args);
        if (!rest.isEmpty() && rest.get(0).equals(COMMAND)) {
            rest.remove(0);
        }
        List<String> options = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("--data-dir") && i + 1 < rest.size()) {
                options.add(arg);
                options.add(rest.get(++i));
            } else if (arg.startsWith("--")) {
                options.add(arg);
            } else {
                files.add(Path.of(arg));
            }
        }
        AppSettings settings;
        try {
            settings = AppSettings.parse(options, env);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace(AppSettings.USAGE, USAGE), e);
        }
        return new Request(settings.dataDir(), List.copyOf(files), settings.smokeTest());
    }

    static void launch(Request request) {
        launchedWith = request;
        Application.launch(ReviewApp.class);
    }

    @Override
    public void start(Stage stage) {
        Request request = preset != null ? preset : launchedWith;
        executors = new AppExecutors();
        BackgroundTasks tasks = new BackgroundTasks(executors.workers(), Platform::runLater);
        TrustStore trust = new TrustStore(request.dataDir(), Clock.systemUTC());
        var viewModel = ReviewDesk.open(stage, tasks, trust, request.dataDir(), dialogs, request.files());
        if (request.smokeTest()) {
            smokeTest(viewModel, request.files().size());
        }
    }

    /** Once every file is checked: each verdict on stdout, then exit (0 if at least one was checked). */
    private static void smokeTest(com.royaltydesk.app.ui.review.ReviewViewModel viewModel, int expected) {
        Runnable report = () -> {
            for (var bundle : viewModel.bundles()) {
                System.out.println("review smoke test: " + bundle.file() + ": "
                        + bundle.report().status() + " — "
                        + com.royaltydesk.app.review.ReviewWords.headline(bundle.report()));
            }
            SMOKE_EXIT.set(viewModel.bundles().isEmpty() ? 1 : 0);
            Platform.exit();
        };
        if (expected == 0) {
            report.run();
            return;
        }
        viewModel.bundles().addListener((javafx.collections.ListChangeListener<Object>) change -> {
            if (viewModel.bundles().size() >= expected) {
                report.run();
            }
        });
        viewModel.messageProperty().addListener((obs, old, now) -> {
            if (now.startsWith("Could not open")) {
                System.out.println("review smoke test: " + now);
                Platform.exit();
            }
        });
    }

    @Override
    public void stop() {
        if (executors != null) {
            executors.close();
        }
    }
}
