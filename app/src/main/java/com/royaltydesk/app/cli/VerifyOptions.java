package com.royaltydesk.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code royalty-desk verify [--trust FILE_OR_URL]... [--state DIR] [--json] [--witness VKEY]...
 * [--witnesses-required K] BUNDLE...} (SPEC §2a), read strictly: an unknown flag or a missing value
 * is a usage error, never a guess.
 */
record VerifyOptions(
        List<String> trust,
        Path state,
        boolean json,
        List<String> witnesses,
        Integer witnessesRequired,
        List<Path> bundles) {

    static final String USAGE = "Usage: royalty-desk verify [--trust FILE_OR_URL]... [--state DIR] [--json]"
            + " [--witness VKEY]... [--witnesses-required K] BUNDLE...";

    /** A command line that cannot be run, with the reason. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static VerifyOptions parse(List<String> args) throws UsageException {
        List<String> trust = new ArrayList<>();
        List<String> witnesses = new ArrayList<>();
        List<Path> bundles = new ArrayList<>();
        Path state = null;
        boolean json = false;
        Integer required = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--trust" -> trust.add(value(args, ++i, arg));
                case "--state" -> state = Path.of(value(args, ++i, arg));
                case "--json" -> json = true;
                case "--witness" -> witnesses.add(value(args, ++i, arg));
                case "--witnesses-required" -> required = count(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option " + arg);
                    }
                    bundles.add(Path.of(arg));
                }
            }
        }
        if (bundles.isEmpty()) {
            throw new UsageException("no bundle to verify");
        }
        if (required != null && required > witnesses.size()) {
            throw new UsageException(
                    "--witnesses-required " + required + " is more than the " + witnesses.size() + " witnesses given");
        }
        return new VerifyOptions(trust, state, json, witnesses, required, bundles);
    }

    private static String value(List<String> args, int at, String flag) throws UsageException {
        if (at >= args.size() || args.get(at).startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args.get(at);
    }

    private static int count(String value) throws UsageException {
        try {
            int k = Integer.parseInt(value);
            if (k >= 0) {
                return k;
            }
        } catch (NumberFormatException e) {
            // the same message as a negative number
        }
        throw new UsageException("--witnesses-required needs a whole number of at least 0");
    }
}
