package org.linli.shared.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.StringUtils;

/**
 * Uploaded files, where every node reads them: in PostgreSQL by default (chunks of
 * {@value #CHUNK} bytes in {@code stored_file_chunk}, backed up with the data), or in
 * S3-compatible object storage when {@code LINLI_FILES_S3_BUCKET} is set (files stored in
 * PostgreSQL before that are still read from there). Each file is kept under the name the
 * application made up for it (a UUID and an extension, never the uploader's), written
 * with the caller's transaction (an object stored for a transaction that rolls back is
 * deleted again) and streamed back to the response, so that a download never holds the
 * whole file in memory. A file is immutable once stored.
 */
@Component
public class FileStore implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(FileStore.class);

	/** Bytes per chunk in PostgreSQL. */
	public static final int CHUNK = 256 * 1024;

	private final Blobs blobs;

	/** With object storage: the files stored in PostgreSQL before it was configured. */
	private final Blobs earlier;

	FileStore(JdbcClient jdbc, @Value("${linli.files.s3.bucket:}") String bucket,
			@Value("${linli.files.s3.endpoint:}") String endpoint, @Value("${linli.files.s3.region:}") String region,
			@Value("${linli.files.s3.access-key:}") String accessKey,
			@Value("${linli.files.s3.secret-key:}") String secretKey,
			@Value("${linli.files.s3.path-style:true}") boolean pathStyle,
			@Value("${linli.files.s3.prefix:linli/}") String prefix) {
		if (StringUtils.hasText(bucket)) {
			this.blobs = new S3Blobs(bucket, endpoint, region, accessKey, secretKey, pathStyle, prefix);
			this.earlier = new PostgresBlobs(jdbc);
			log.info("Files are stored in the bucket {}{}", bucket,
					StringUtils.hasText(endpoint) ? " at " + endpoint : "");
		}
		else {
			this.blobs = new PostgresBlobs(jdbc);
			this.earlier = null;
		}
	}

	/** Where files go: {@code postgresql} or {@code s3}. */
	public String kind() {
		return (this.blobs instanceof S3Blobs) ? "s3" : "postgresql";
	}

	/** Stores the content under the name; answers its size. */
	@Transactional(propagation = Propagation.MANDATORY)
	public long store(String name, byte[] content) {
		try {
			return store(name, new ByteArrayInputStream(content), content.length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stores the stream's {@code size} bytes under the name; answers the size. Storing a
	 * name already stored changes nothing (a second run of a move).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long store(String name, InputStream in, long size) throws IOException {
		this.blobs.store(name, in, size);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				if (status == STATUS_ROLLED_BACK) {
					FileStore.this.blobs.forget(name);
				}
			}

		});
		return size;
	}

	public boolean exists(String name) {
		return (this.earlier != null && this.earlier.exists(name)) || this.blobs.exists(name);
	}

	/** What a download writes: the file, a piece at a time. */
	@FunctionalInterface
	public interface Content {

		void writeTo(OutputStream out) throws IOException;

	}

	/** The file's content, to be written when the response is. */
	public Content content(String name) {
		return (out) -> writeTo(name, out);
	}

	/** Writes the file to the stream a piece at a time; answers the bytes written. */
	public long writeTo(String name, OutputStream out) throws IOException {
		// PostgreSQL first: a cheap lookup by key, where an object store may answer 403
		// rather than 404 for a name it does not have
		if (this.earlier != null && this.earlier.exists(name)) {
			return this.earlier.writeTo(name, out);
		}
		return this.blobs.writeTo(name, out);
	}

	@Override
	public void destroy() throws Exception {
		if (this.blobs instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

}
