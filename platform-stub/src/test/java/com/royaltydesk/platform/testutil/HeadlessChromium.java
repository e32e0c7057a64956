package com.royaltydesk.platform.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium from the machine (never downloaded): loads a page, lets its async work run,
 * and returns the DOM. {@code CHROMIUM} overrides the binary.
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

    public static String dumpDom(String url, Path profileDir) throws IOException, InterruptedException {
        Process chromium = new ProcessBuilder(
                        binary().toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--disable-quic",
                        "--user-data-dir=" + profileDir,
                        "--virtual-time-budget=15000",
                        "--dump-dom",
                        url)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] dom = chromium.getInputStream().readAllBytes();
        if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new IllegalStateException("chromium did not finish loading " + url);
        }
        return new String(dom, StandardCharsets.UTF_8);
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
