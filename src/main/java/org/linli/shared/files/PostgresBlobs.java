package org.linli.shared.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Files in PostgreSQL ({@code stored_file_chunk}): chunks of {@value FileStore#CHUNK}
 * bytes, written with the caller's transaction, read back one chunk at a time.
 */
class PostgresBlobs implements Blobs {

	private final JdbcClient jdbc;

	PostgresBlobs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void store(String name, InputStream in, long size) throws IOException {
		int seq = 0;
		byte[] chunk;
		while ((chunk = in.readNBytes(FileStore.CHUNK)).length > 0) {
			this.jdbc.sql("INSERT INTO stored_file_chunk (name, seq, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
				.params(name, seq++, chunk)
				.update();
		}
	}

	@Override
	public boolean exists(String name) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM stored_file_chunk WHERE name = ?)")
			.param(name)
			.query(Boolean.class)
			.single();
	}

	@Override
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

	@Override
	public void forget(String name) {
		// the rolled-back transaction took its chunks with it
	}

}
