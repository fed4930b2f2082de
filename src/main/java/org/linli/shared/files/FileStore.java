package org.linli.shared.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Uploaded files, in PostgreSQL where every node reads them: each under the name the
 * application made up for it (a UUID and an extension, never the uploader's), in chunks
 * of {@value #CHUNK} bytes, written with the caller's transaction and read back one chunk
 * at a time straight into the response, so that a download never holds the whole file in
 * memory. A file is immutable once stored.
 */
@Component
public class FileStore {

	/** Bytes per chunk. */
	public static final int CHUNK = 256 * 1024;

	private final JdbcClient jdbc;

	FileStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores the content under the name; answers its size. */
	@Transactional(propagation = Propagation.MANDATORY)
	public long store(String name, byte[] content) {
		try {
			return store(name, new java.io.ByteArrayInputStream(content));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stores what the stream holds under the name, a chunk at a time; answers its size.
	 * Storing a name already stored changes nothing (a second run of a move).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long store(String name, InputStream in) throws IOException {
		long size = 0;
		int seq = 0;
		byte[] chunk;
		while ((chunk = in.readNBytes(CHUNK)).length > 0) {
			this.jdbc.sql("INSERT INTO stored_file_chunk (name, seq, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
				.params(name, seq++, chunk)
				.update();
			size += chunk.length;
		}
		return size;
	}

	public boolean exists(String name) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM stored_file_chunk WHERE name = ?)")
			.param(name)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Writes the file to the stream one chunk at a time (one short query each, outside
	 * any transaction); answers the bytes written, zero for a name not stored.
	 */
	public long writeTo(String name, OutputStream out) throws IOException {
		long written = 0;
		for (int seq = 0;; seq++) {
			byte[] chunk = this.jdbc.sql("SELECT data FROM stored_file_chunk WHERE name = ? AND seq = ?")
				.params(name, seq)
				.query(byte[].class)
				.optional()
				.orElse(null);
			if (chunk == null) {
				return written;
			}
			out.write(chunk);
			written += chunk.length;
		}
	}

}
