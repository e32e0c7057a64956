package com.royaltydesk.app.review;

import com.royaltydesk.app.content.FileDigest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A reviewer's own file or folder, hashed with the registration hasher, against the content hash the
 * receipt proves ({@code dataset_sha256}: the SHA-256 of the content its creator uploaded).
 *
 * @param source what the reviewer chose
 * @param digests every file hashed, in path order
 * @param proven the receipt's content hash ({@code sha256:…}), or null when the receipt names none
 */
public record Comparison(Path source, List<FileDigest> digests, String proven) {

    public Comparison {
        digests = List.copyOf(digests);
    }

    /** The file whose content is the proven content, if one is. */
    public Optional<FileDigest> match() {
        return proven == null
                ? Optional.empty()
                : digests.stream().filter(d -> d.contentHash().equals(proven)).findFirst();
    }

    /** The answer, plainly. */
    public String words() {
        if (proven == null) {
            return "The receipt names no content hash, so " + source + " cannot be compared with it.";
        }
        Optional<FileDigest> match = match();
        if (match.isPresent()) {
            return digests.size() == 1
                    ? "Same content: " + source + " is the dataset the receipt names (" + proven + ")."
                    : "Same content: " + match.get().name() + " in " + source + " is the dataset the receipt names ("
                            + proven + ").";
        }
        return digests.size() == 1
                ? "Different content: " + source + " is not the dataset the receipt names. Its SHA-256 is "
                        + digests.get(0).contentHash() + "; the receipt names " + proven + "."
                : "Different content: none of the " + digests.size() + " files in " + source
                        + " is the dataset the receipt names (" + proven + ").";
    }
}
