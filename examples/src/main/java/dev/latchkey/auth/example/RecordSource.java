package dev.latchkey.auth.example;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * The records of an import file, read one at a time so that memory stays bounded whatever the file's size. A failure
 * to read the file itself (an I/O error, bytes that are not UTF-8, broken JSON in a Keycloak export) is an
 * {@link UncheckedIOException} from {@link #hasNext()} or {@link #next()}: the import stops there.
 */
interface RecordSource extends Iterator<SourceRecord>, Closeable {
    /** Bytes of the file read so far (ahead of the records returned by up to a buffer's size). */
    long bytesRead();

    /** An input stream that counts the bytes read through it. */
    final class Counting extends FilterInputStream {
        private volatile long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
