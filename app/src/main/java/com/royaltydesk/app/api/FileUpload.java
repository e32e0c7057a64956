package com.royaltydesk.app.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/** A file sent as a request body in 1 MiB steps, reporting bytes sent and stopping when interrupted. */
final class FileUpload extends RequestBody {

    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    private static final long STEP = 1 << 20;

    private final Path file;
    private final LongConsumer progress;

    FileUpload(Path file, LongConsumer progress) {
        this.file = file;
        this.progress = progress;
    }

    @Override
    public MediaType contentType() {
        return OCTET_STREAM;
    }

    @Override
    public long contentLength() throws IOException {
        return Files.size(file);
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        long sent = 0;
        try (Source source = Okio.source(file)) {
            long read;
            while ((read = source.read(sink.getBuffer(), STEP)) != -1) {
                sink.flush();
                sent += read;
                progress.accept(sent);
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("upload cancelled");
                }
            }
        }
    }
}
