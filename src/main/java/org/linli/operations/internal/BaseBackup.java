package org.linli.operations.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;

/**
 * An online, consistent copy of a running PostgreSQL's data folder, made the way
 * {@code pg_basebackup -X fetch} makes one, with PostgreSQL's low-level backup API: a
 * temporary replication slot keeps the write-ahead log the copy will need;
 * {@code pg_backup_start} checkpoints and marks where recovery must begin; the files are
 * copied while the database keeps working (a page torn by a concurrent write is repaired
 * from the log's full-page images); {@code pg_backup_stop} answers the backup label and
 * switches to a new log segment; and the segments from the start to the stop are added.
 * Started on the copy, PostgreSQL reads the label and replays those segments to a state
 * as of the end of the backup, with every transaction committed before it began.
 * <p>
 * The archive holds the data folder under {@code postgres/}, and the application's other
 * folders (its key file, files on disk) under their own names.
 */
final class BaseBackup {

	/**
	 * Within the data folder: rebuilt by PostgreSQL at start, or not part of a backup.
	 */
	private static final Set<String> CONTENTS_SKIPPED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
			"pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

	private static final Set<String> FILES_SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
			"backup_label", "backup_label.old", "tablespace_map", "current_logfiles", "pg_internal.init");

	private BaseBackup() {
	}

	/**
	 * Writes the archive to {@code out}: the database behind {@code dataSource} and each
	 * of {@code extras} (folder name in the archive → folder), which may be missing.
	 */
	static void write(DataSource dataSource, List<Extra> extras, OutputStream out) throws IOException, SQLException {
		ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
		zip.setLevel(Deflater.BEST_SPEED);
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(true);
			Path data = Path.of(single(connection, "SHOW data_directory"));
			String slot = "linli_backup_" + single(connection, "SELECT pg_backend_pid()");
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true, true)");
			}
			boolean stopped = false;
			try {
				String startLsn = single(connection, "SELECT pg_backup_start('linli', true)::text");
				String startSegment = segment(connection, startLsn);
				Path control = data.resolve("global").resolve("pg_control");
				addTree(zip, data, "postgres/", (path) -> !path.equals(control));
				addFile(zip, control, "postgres/global/pg_control");
				String stopLsn;
				try (Statement statement = connection.createStatement();
						ResultSet stop = statement
							.executeQuery("SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)")) {
					stopped = true;
					stop.next();
					stopLsn = stop.getString(1);
					addText(zip, "postgres/backup_label", stop.getString(2));
					String map = stop.getString(3);
					if (map != null && !map.isEmpty()) {
						addText(zip, "postgres/tablespace_map", map);
					}
				}
				String stopSegment = segment(connection, stopLsn);
				for (Path wal : segments(data.resolve("pg_wal"), startSegment, stopSegment)) {
					addFile(zip, wal, "postgres/pg_wal/" + wal.getFileName());
				}
			}
			finally {
				// the pool keeps the session: leave it neither in backup mode nor holding
				// the log back
				if (!stopped) {
					try (Statement statement = connection.createStatement()) {
						statement.execute("SELECT pg_backup_stop(false)");
					}
					catch (SQLException ex) {
						// no backup was started in this session
					}
				}
				try (Statement statement = connection.createStatement()) {
					statement.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
							+ "WHERE slot_name = '" + slot + "'");
				}
			}
		}
		for (Extra extra : extras) {
			if (Files.isDirectory(extra.folder())) {
				addTree(zip, extra.folder(), extra.name() + "/", (path) -> true);
			}
		}
		zip.finish();
		zip.flush();
	}

	record Extra(String name, Path folder) {
	}

	private static String single(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static String segment(Connection connection, String lsn) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_walfile_name(?::pg_lsn)")) {
			statement.setString(1, lsn);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getString(1);
			}
		}
	}

	/**
	 * The log segments from the first to the last, inclusive (their names sort in order).
	 */
	private static List<Path> segments(Path wal, String first, String last) throws IOException {
		List<Path> found = new ArrayList<>();
		try (Stream<Path> files = Files.list(wal)) {
			files.filter((path) -> {
				String name = path.getFileName().toString();
				return name.length() == 24 && name.compareTo(first) >= 0 && name.compareTo(last) <= 0;
			}).sorted().forEach(found::add);
		}
		if (found.isEmpty() || !found.get(0).getFileName().toString().equals(first)
				|| !found.get(found.size() - 1).getFileName().toString().equals(last)) {
			throw new IOException("The write-ahead log from " + first + " to " + last + " is not all in " + wal);
		}
		return found;
	}

	private static void addTree(ZipOutputStream zip, Path root, String prefix,
			java.util.function.Predicate<Path> include) throws IOException {
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
				String relative = root.relativize(dir).toString().replace('\\', '/');
				if (!relative.isEmpty()) {
					zip.putNextEntry(new ZipEntry(prefix + relative + "/"));
					zip.closeEntry();
				}
				boolean skipContents = prefix.equals("postgres/") && CONTENTS_SKIPPED.contains(relative);
				return skipContents ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				String name = file.getFileName().toString();
				boolean skipped = prefix.equals("postgres/")
						&& (FILES_SKIPPED.contains(name) || name.startsWith("pgsql_tmp"));
				if (!skipped && attrs.isRegularFile() && include.test(file)) {
					addFile(zip, file, prefix + root.relativize(file).toString().replace('\\', '/'));
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
				if (ex instanceof NoSuchFileException) {
					// a table dropped or a temporary file removed while copying
					return FileVisitResult.CONTINUE;
				}
				throw ex;
			}

		});
	}

	private static void addFile(ZipOutputStream zip, Path file, String name) throws IOException {
		InputStream in;
		try {
			in = Files.newInputStream(file);
		}
		catch (NoSuchFileException ex) {
			return;
		}
		try (in) {
			zip.putNextEntry(new ZipEntry(name));
			in.transferTo(zip);
			zip.closeEntry();
		}
	}

	private static void addText(ZipOutputStream zip, String name, String text) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(text.getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}

}
