package io.parley.media;

import io.parley.errors.BadRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/** Writes the content of the part named "file" (the first one only); other parts are skipped. */
final class FilePart extends MultiPart.AbstractPartsListener {
    private final FileChannel out;
    private final long max;
    long size;
    String fileName;
    private boolean inFile;
    boolean complete;
    private RuntimeException failure;

    FilePart(FileChannel out, long max) {
        this.out = out;
        this.max = max;
    }

    @Override
    public void onPartHeaders() {
        inFile = fileName == null && "file".equals(getName());
        if (inFile) {
            fileName = getFileName() == null ? "" : getFileName();
        }
    }

    @Override
    public void onPartContent(Content.Chunk chunk) {
        try {
            if (!inFile || failure != null) return;
            ByteBuffer bytes = chunk.getByteBuffer();
            size += bytes.remaining();
            if (size > max) {
                failure = MultipartUpload.tooLarge(max);
                return;
            }
            while (bytes.hasRemaining()) out.write(bytes);
        } catch (IOException e) {
            failure = new UncheckedIOException("could not store the upload", e);
        } finally {
            chunk.release();
        }
    }

    @Override
    public void onPart(String name, String fileName, HttpFields headers) {
        inFile = false;
    }

    @Override
    public void onComplete() {
        complete = true;
    }

    @Override
    public void onFailure(Throwable cause) {
        if (failure == null) {
            failure = new BadRequest("the multipart body is malformed: " + cause.getMessage());
        }
    }

    void rethrow() {
        if (failure != null) throw failure;
    }
}
