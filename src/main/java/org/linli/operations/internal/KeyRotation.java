package org.linli.operations.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.linli.shared.crypto.EncryptedColumns;
import org.linli.shared.crypto.EncryptedColumns.Column;
import org.linli.shared.crypto.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Re-encrypts, with the current key, every value sealed with an old one, in every column
 * the modules declare ({@link EncryptedColumns}): a batch at a time, each value written
 * only if it is still the one read (a change made meanwhile wins and is already sealed
 * with the current key), so that it is safe beside the application's own writes, on any
 * node, and after a crash — what is left is simply what does not yet carry the current
 * key's id. Its progress is counted from the same condition.
 */
@Service
public class KeyRotation {

	private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

	private static final Pattern NAME = Pattern.compile("[a-z_]+");

	private static final int BATCH = 500;

	private final JdbcTemplate jdbc;

	private final PersonalDataCipher cipher;

	private final List<Column> columns = new ArrayList<>();

	/**
	 * Where each column's pass has got to (the last key seen), until it finds no more.
	 */
	private final java.util.Map<Column, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();

	KeyRotation(JdbcTemplate jdbc, PersonalDataCipher cipher, List<EncryptedColumns> declared) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		for (EncryptedColumns module : declared) {
			for (Column column : module.encryptedColumns()) {
				if (!NAME.matcher(column.table()).matches() || !NAME.matcher(column.key()).matches()
						|| !NAME.matcher(column.column()).matches()) {
					throw new IllegalStateException("Not a plain column name: " + column);
				}
				this.columns.add(column);
			}
		}
	}

	/** Where a rotation stands: values in all, and those still sealed with an old key. */
	public record Progress(String currentKey, boolean oldKeysConfigured, long total, long remaining) {

		public long done() {
			return this.total - this.remaining;
		}

		public int percent() {
			return (this.total == 0) ? 100 : (int) (100 * done() / this.total);
		}

	}

	public List<Column> columns() {
		return List.copyOf(this.columns);
	}

	public Progress progress() {
		long total = 0;
		long remaining = 0;
		for (Column c : this.columns) {
			long[] counts = this.jdbc.queryForObject(
					"SELECT count(" + c.column() + "), count(*) FILTER (WHERE " + c.column() + " NOT LIKE ?) FROM "
							+ c.table(),
					(rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }, this.cipher.currentPattern());
			total += counts[0];
			remaining += counts[1];
		}
		return new Progress(this.cipher.currentKeyId(), this.cipher.rotating(), total, remaining);
	}

	/**
	 * One batch of each column, after the last key seen in it; answers how many values
	 * were sealed again. A value that cannot be read (sealed with a key no longer
	 * configured, or damaged) is logged by its row and passed over, not retried forever.
	 */
	public int step() {
		int done = 0;
		for (Column c : this.columns) {
			long after = this.positions.getOrDefault(c, Long.MIN_VALUE);
			List<Object[]> rows = this.jdbc.query(
					"SELECT " + c.key() + ", " + c.column() + " FROM " + c.table() + " WHERE " + c.column()
							+ " NOT LIKE ? AND " + c.key() + " > ? ORDER BY " + c.key() + " LIMIT " + BATCH,
					(rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) }, this.cipher.currentPattern(), after);
			if (rows.isEmpty()) {
				this.positions.remove(c);
				continue;
			}
			this.positions.put(c, (Long) rows.get(rows.size() - 1)[0]);
			List<Object[]> updates = new ArrayList<>(rows.size());
			for (Object[] row : rows) {
				String sealed = (String) row[1];
				try {
					updates.add(new Object[] { this.cipher.reencrypt(sealed), row[0], sealed });
				}
				catch (RuntimeException ex) {
					log.warn("Key rotation: {}.{} of row {} cannot be read and is left as it is ({})", c.table(),
							c.column(), row[0], ex.getMessage());
				}
			}
			int[][] counts = this.jdbc.batchUpdate("UPDATE " + c.table() + " SET " + c.column() + " = ? WHERE "
					+ c.key() + " = ? AND " + c.column() + " = ?", updates, BATCH, (ps, u) -> {
						ps.setString(1, (String) u[0]);
						ps.setLong(2, (Long) u[1]);
						ps.setString(3, (String) u[2]);
					});
			for (int[] batch : counts) {
				for (int count : batch) {
					done += Math.max(count, 0);
				}
			}
		}
		return done;
	}

	/**
	 * Batches until nothing is left or the time is spent; answers the values sealed
	 * again.
	 */
	public int rotate(Duration budget) {
		long deadline = System.nanoTime() + budget.toNanos();
		int total = 0;
		int done;
		do {
			done = step();
			total += done;
		}
		while (done > 0 && System.nanoTime() < deadline);
		if (total > 0) {
			Progress progress = progress();
			log.info("Key rotation: {} values sealed again with key {}; {} of {} left", total, progress.currentKey(),
					progress.remaining(), progress.total());
		}
		return total;
	}

}
