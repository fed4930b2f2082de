package org.linli.operations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.linli.shared.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar linli.jar restore FILE_NAME}: puts a backup back in the data folder,
 * in the application's environment ({@code LINLI_DATA_DIR}, {@code LINLI_BACKUP_DIR}). It
 * refuses while Linli (its PostgreSQL) runs on that folder, and refuses a file whose
 * SHA-256 is not the one written beside it. The folders it replaces are moved aside, not
 * deleted, into {@code before-restore-<time>}. The next start of Linli recovers the
 * database from the backup's write-ahead log to its state at the end of the backup.
 */
public final class Restore {

	private static final Logger log = LoggerFactory.getLogger(Restore.class);

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+\\.zip");

	/** The folder names a backup may hold at its top, and so may replace. */
	static final Set<String> FOLDERS = Set.of("postgres", "secrets", "files");

	private Restore() {
	}

	/** The command: answers the process's exit status; it says what it did in the log. */
	public static int command(String[] args) {
		String file = null;
		for (String arg : java.util.Arrays.copyOfRange(args, 1, args.length)) {
			if (arg.startsWith("--linli.data-dir=")) {
				System.setProperty("linli.data-dir", arg.substring("--linli.data-dir=".length()));
			}
			else if (arg.startsWith("--linli.backup.dir=")) {
				System.setProperty("linli.backup.dir", arg.substring("--linli.backup.dir=".length()));
			}
			else if (file == null) {
				file = arg;
			}
			else {
				file = "";
			}
		}
		if (file == null || file.isEmpty()) {
			log.error("Usage: java -jar linli.jar restore FILE_NAME   (a file in " + backupDir(dataDir()) + ")");
			return 2;
		}
		try {
			Path data = dataDir();
			log.info("Restoring into {} from {}", data, backupDir(data));
			Path restoredFrom = restore(data, backupDir(data), file, org.linli.shared.Times.systemClock());
			log.info(
					"Restored {} into {}. Start Linli as usual: PostgreSQL replays the backup's log on the first start.",
					restoredFrom.getFileName(), data);
			return 0;
		}
		catch (RestoreRefused ex) {
			log.error("Restore refused: {}", ex.getMessage());
			return 1;
		}
		catch (IOException ex) {
			log.error("Restore failed: {}", ex.getMessage(), ex);
			return 1;
		}
	}

	/** Why a restore did not start; nothing was changed. */
	public static class RestoreRefused extends RuntimeException {

		RestoreRefused(String message) {
			super(message);
		}

	}

	static Path dataDir() {
		return Path.of(setting("linli.data-dir", "LINLI_DATA_DIR", "./data")).toAbsolutePath().normalize();
	}

	static Path backupDir(Path dataDir) {
		String configured = setting("linli.backup.dir", "LINLI_BACKUP_DIR", "");
		return configured.isBlank() ? dataDir.resolve("backups") : Path.of(configured).toAbsolutePath().normalize();
	}

	private static String setting(String property, String variable, String fallback) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			value = System.getenv(variable);
		}
		return (value == null || value.isBlank()) ? fallback : value;
	}

	/**
	 * Restores the backup {@code fileName} of {@code backupDir} into {@code dataDir};
	 * answers the file restored.
	 */
	public static Path restore(Path dataDir, Path backupDir, String fileName, java.time.Clock clock)
			throws IOException {
		if (fileName == null || !NAME.matcher(fileName).matches()) {
			throw new RestoreRefused(
					"give the name of a backup file in " + backupDir + ", like linli-20261128-023000.zip");
		}
		Path file = backupDir.resolve(fileName);
		if (!Files.isRegularFile(file)) {
			throw new RestoreRefused(file + " does not exist");
		}
		refuseIfRunning(dataDir.resolve("postgres"));
		String expected = expectedChecksum(file);
		String actual = sha256(file);
		if (!actual.equals(expected)) {
			throw new RestoreRefused("the checksum of " + fileName + " is " + actual + ", not " + expected
					+ " as written when it was made: the file is damaged or was changed");
		}
		String stamp = LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		Path staging = dataDir.resolve(".restore-" + stamp);
		try {
			Set<String> restored = extract(file, staging);
			if (!Files.isRegularFile(staging.resolve("postgres/backup_label"))
					|| !Files.isRegularFile(staging.resolve("postgres/PG_VERSION"))) {
				throw new RestoreRefused(fileName + " is not a Linli backup (no backup label or PG_VERSION in it)");
			}
			Path postgres = staging.resolve("postgres");
			for (String folder : new String[] { "pg_wal/archive_status", "pg_wal/summaries", "pg_replslot",
					"pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans", "pg_tblspc",
					"pg_twophase", "pg_commit_ts", "pg_logical/snapshots", "pg_logical/mappings" }) {
				Files.createDirectories(postgres.resolve(folder));
			}
			OwnerOnlyFiles.restrict(staging);
			// what the backup replaces is moved aside, then the backup moved in; a
			// failure
			// half way puts back what was moved
			Path aside = dataDir.resolve("before-restore-" + stamp);
			java.util.List<String> done = new java.util.ArrayList<>();
			try {
				for (String folder : restored) {
					Path current = dataDir.resolve(folder);
					if (Files.exists(current)) {
						OwnerOnlyFiles.folder(aside);
						Files.move(current, aside.resolve(folder), StandardCopyOption.ATOMIC_MOVE);
					}
					done.add(folder);
					Files.move(staging.resolve(folder), current, StandardCopyOption.ATOMIC_MOVE);
				}
			}
			catch (IOException | RuntimeException ex) {
				for (String folder : done) {
					Path current = dataDir.resolve(folder);
					if (Files.exists(current) && !Files.exists(staging.resolve(folder))) {
						Files.move(current, staging.resolve(folder), StandardCopyOption.ATOMIC_MOVE);
					}
					if (Files.exists(aside.resolve(folder))) {
						Files.move(aside.resolve(folder), current, StandardCopyOption.ATOMIC_MOVE);
					}
				}
				throw ex;
			}
			return file;
		}
		finally {
			deleteTree(staging);
		}
	}

	private static void refuseIfRunning(Path postgres) throws IOException {
		// the embedded database holds a lock on this file while it runs: seen from any
		// process on the machine, containers included
		Path lock = postgres.resolve("epg-lock");
		if (Files.isRegularFile(lock)) {
			try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
					java.nio.file.StandardOpenOption.WRITE)) {
				java.nio.channels.FileLock held = channel.tryLock();
				if (held == null) {
					throw new RestoreRefused("Linli is running on " + postgres.getParent() + ": stop it first");
				}
				held.release();
			}
			catch (java.nio.channels.OverlappingFileLockException ex) {
				throw new RestoreRefused("Linli is running on " + postgres.getParent() + ": stop it first");
			}
		}
		Path pid = postgres.resolve("postmaster.pid");
		if (!Files.isRegularFile(pid)) {
			return;
		}
		String first = Files.readAllLines(pid, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
		try {
			long process = Long.parseLong(first);
			if (ProcessHandle.of(process).map(ProcessHandle::isAlive).orElse(false)) {
				throw new RestoreRefused("Linli is running on " + postgres.getParent() + " (its PostgreSQL is process "
						+ process + "): stop it first");
			}
		}
		catch (NumberFormatException ex) {
			// a damaged lock file: PostgreSQL is not running from it
		}
	}

	/** The checksum written beside the backup when it was made ({@code NAME.sha256}). */
	public static String expectedChecksum(Path file) throws IOException {
		Path sidecar = file.resolveSibling(file.getFileName() + ".sha256");
		if (!Files.isRegularFile(sidecar)) {
			throw new RestoreRefused("there is no checksum file " + sidecar.getFileName() + " beside the backup");
		}
		String line = Files.readString(sidecar, StandardCharsets.US_ASCII).trim();
		return line.split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
	}

	public static String sha256(Path file) throws IOException {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Unpacks the archive; answers its top folders. No entry may leave the folder. */
	private static Set<String> extract(Path file, Path into) throws IOException {
		Set<String> tops = new LinkedHashSet<>();
		OwnerOnlyFiles.folder(into);
		try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file), StandardCharsets.UTF_8)) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				Path target = into.resolve(entry.getName()).normalize();
				String top = entry.getName().split("/", 2)[0];
				if (!target.startsWith(into) || target.equals(into) || !FOLDERS.contains(top)) {
					deleteTree(into);
					throw new RestoreRefused("the backup holds an unexpected entry " + entry.getName());
				}
				tops.add(top);
				if (entry.isDirectory()) {
					Files.createDirectories(target);
				}
				else {
					Files.createDirectories(target.getParent());
					Files.copy(zip, target);
				}
			}
		}
		return tops;
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (var paths = Files.walk(root)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
