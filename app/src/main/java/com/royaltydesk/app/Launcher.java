package com.royaltydesk.app;

import com.royaltydesk.app.cli.VerifyCommand;
import java.nio.file.Path;

/**
 * Plain entry point for jpackage and {@code exec:java}: a main class that is not an {@code
 * Application} lets JavaFX start from the class path.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        StartupTimeline.mark("main");
        if (args.length > 0 && args[0].equals(VerifyCommand.NAME)) {
            // No window, no platform: just the checks, for scripts. Trust comes from --trust or
            // from the platforms trusted in the app's data folder.
            Path dataDir =
                    AppSettings.parse(java.util.List.of(), System.getenv()).dataDir();
            System.exit(VerifyCommand.run(java.util.List.of(args).subList(1, args.length), System.out, dataDir));
        }
        if (ReviewDesk.asked(java.util.List.of(args))) {
            // The reviewer's desk: no sign-in, no platform (issue #18).
            try {
                ReviewApp.Request request = ReviewApp.parse(java.util.List.of(args), System.getenv());
                ReviewApp.launch(request);
                if (request.smokeTest()) {
                    System.exit(ReviewApp.SMOKE_EXIT.get());
                }
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
            return;
        }
        AppSettings settings = null;
        try {
            settings = AppSettings.parse(java.util.List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        App.launch(settings, args);
        if (settings.smokeTest()) {
            // The embedded platform's threads would keep the JVM alive; the exit code is the answer.
            System.exit(SmokeTest.EXIT_CODE.get());
        }
    }
}
