package com.royaltydesk.app.ui.assets;

import com.royaltydesk.app.api.ApiException;
import com.royaltydesk.app.api.AssetRegistration;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.api.PriceModel;
import com.royaltydesk.app.content.FileDigest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers and uploads a list of hashed files, one after the other, on a worker thread. A file
 * that fails does not stop the others: each failure is kept with the file, and a file whose
 * registration went through but whose upload did not keeps its upload URL, so trying again
 * uploads it without registering it twice. Only a refusal of a field every file shares (the
 * license, the price model) stops the batch, since each remaining file would be refused alike.
 */
final class RegistrationBatch {

    /** Hears "file {@code number} of {@code count}, {@code sent} bytes of it uploaded so far". */
    interface Progress {
        void uploading(int number, int count, FileDigest file, long sent);
    }

    /** A file not registered and uploaded, why, and its upload URL if it was registered. */
    record Failure(FileDigest file, String uploadUrl, Throwable error) {}

    /** How a batch went: how many were done, and every file that was not (tried or not). */
    record Outcome(int done, List<Failure> failures) {}

    private final PlatformClient client;
    private final String namePrefix;
    private final String license;
    private final PriceModel model;

    RegistrationBatch(PlatformClient client, String namePrefix, String license, PriceModel model) {
        this.client = client;
        this.namePrefix = namePrefix;
        this.license = license;
        this.model = model;
    }

    /** The asset name of {@code file} in a batch of {@code files}: a folder's files carry their path. */
    static String assetName(String prefix, FileDigest file, int files) {
        return files == 1 ? prefix : prefix + "/" + file.name();
    }

    /** {@code registeredBefore}: upload URLs of files registered by an earlier try, by file. */
    Outcome run(List<FileDigest> files, Map<Path, String> registeredBefore, int batchSize, Progress progress) {
        int done = 0;
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            FileDigest file = files.get(i);
            String uploadUrl = registeredBefore.get(file.file());
            try {
                if (uploadUrl == null) {
                    uploadUrl = client.registerAsset(new AssetRegistration(
                                    assetName(namePrefix, file, batchSize),
                                    license,
                                    model,
                                    List.of(file.contentHash()),
                                    file.sizeBytes()))
                            .uploadUrl();
                }
                int number = i + 1;
                client.uploadContent(
                        uploadUrl, file.file(), sent -> progress.uploading(number, files.size(), file, sent));
                done++;
            } catch (RuntimeException e) {
                failures.add(new Failure(file, uploadUrl, e));
                if (e instanceof ApiException api && sharedByAll(api)) {
                    files.subList(i + 1, files.size())
                            .forEach(rest -> failures.add(new Failure(rest, registeredBefore.get(rest.file()), e)));
                    break;
                }
            }
        }
        return new Outcome(done, failures);
    }

    private static boolean sharedByAll(ApiException refusal) {
        String field = refusal.field();
        return field != null && (field.equals("license") || field.startsWith("price_model"));
    }
}
