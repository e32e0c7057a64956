package com.royaltydesk.platform.testutil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium from the machine (never downloaded): loads a page, lets its async work run,
 * and returns the DOM. {@code CHROMIUM} overrides the binary. One browser serves the test JVM
 * ({@link ChromiumBrowser}); each page gets a browser context of its own.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {}

    public static Path binary() {
        String configured = System.getenv("CHROMIUM");
        for (String candidate :
                List.of(configured == null ? "" : configured, "/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (!candidate.isEmpty() && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /** Flags of every Chromium the tests start: nothing fetched from outside, no first-run screens. */
    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic");

    /** How long in virtual time a page may run its async work (fetches pause the clock). */
    private static final Duration VIRTUAL_TIME_BUDGET = Duration.ofSeconds(15);

    private static ChromiumBrowser browser;

    /**
     * Loads {@code url} in a fresh browser context of the test JVM's one Chromium, lets its async
     * work run, and returns the DOM. A Chromium that died is started again.
     */
    public static synchronized String dumpDom(String url) throws Exception {
        if (browser == null || !browser.isAlive()) {
            if (browser != null) {
                browser.close();
            } else {
                Runtime.getRuntime().addShutdownHook(new Thread(HeadlessChromium::closeBrowser));
            }
            browser = ChromiumBrowser.start(
                    binary(),
                    FLAGS,
                    Path.of(
                            "target",
                            "chromium-profile-" + ProcessHandle.current().pid()));
        }
        return browser.dumpDom(url, VIRTUAL_TIME_BUDGET);
    }

    private static synchronized void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The value of {@code attribute} on the element with {@code id}, or null. */
    public static String attribute(String dom, String id, String attribute) {
        Matcher tag = Pattern.compile("<[a-z]+[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>")
                .matcher(dom);
        if (!tag.find()) {
            return null;
        }
        Matcher value = Pattern.compile("\\b" + Pattern.quote(attribute) + "=\"([^\"]*)\"")
                .matcher(tag.group());
        return value.find() ? value.group(1) : null;
    }
}
