package org.linli.shared.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where {@link FileStore} keeps the bytes: PostgreSQL, or S3-compatible object storage.
 */
interface Blobs {

	/**
	 * Stores the stream's {@code size} bytes under the name; a name stored is not stored
	 * again.
	 */
	void store(String name, InputStream in, long size) throws IOException;

	boolean exists(String name);

	/**
	 * Writes the content to the stream; answers the bytes written, 0 for a name not
	 * stored.
	 */
	long writeTo(String name, OutputStream out) throws IOException;

	/**
	 * Removes what a transaction that rolled back had stored (S3; PostgreSQL rolls back
	 * by itself).
	 */
	void forget(String name);

}
