package org.linli.operations.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.linli.identity.AuditLog;
import org.linli.operations.Restore;
import org.linli.shared.InvalidInputException;
import org.linli.shared.OwnerOnlyFiles;
import org.linli.shared.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * Backups of the embedded database (the default run): made on demand and nightly by
 * {@link BaseBackup}, written as {@code linli-<time>.zip} with its SHA-256 in
 * {@code linli-<time>.zip.sha256} beside it, under {@code linli.backup.dir} (the data
 * folder's {@code backups} unless set — another disk is better), owner-only, and kept
 * {@code linli.backup.keep-days}. The folder is the list: a backup restored, or copied in
 * from elsewhere, is listed as it is. With an external database backups are that
 * database's business (see the README), and this says so.
 */
@Service
public class Backups {

	private static final Logger log = LoggerFactory.getLogger(Backups.class);

	private static final Pattern FILE = Pattern.compile("linli-\\d{8}-\\d{6}(-\\d+)?\\.zip");

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private final DataSource dataSource;

	private final boolean embedded;

	private final Path dataDir;

	private final Path folder;

	private final int keepDays;

	private final Clock clock;

	private final AuditLog audit;

	private final ReentrantLock running = new ReentrantLock();

	Backups(DataSource dataSource, ObjectProvider<EmbeddedPostgres> embedded, Clock clock, AuditLog audit,
			@Value("${linli.data-dir}") String dataDir, @Value("${linli.backup.dir:}") String backupDir,
			@Value("${linli.backup.keep-days:14}") int keepDays) {
		this.dataSource = dataSource;
		this.embedded = embedded.getIfAvailable() != null;
		this.dataDir = Path.of(dataDir).toAbsolutePath().normalize();
		this.folder = StringUtils.hasText(backupDir) ? Path.of(backupDir).toAbsolutePath().normalize()
				: this.dataDir.resolve("backups");
		this.keepDays = keepDays;
		this.clock = clock;
		this.audit = audit;
	}

	public record BackupFile(String id, String fileName, long size, String sha256, Instant createdAt) {
	}

	/** Whether Linli makes the backups (embedded database) or they are external. */
	public boolean available() {
		return this.embedded;
	}

	public Path folder() {
		return this.folder;
	}

	public int keepDays() {
		return this.keepDays;
	}

	/** Makes a backup now; one at a time. */
	public BackupFile create() {
		if (!this.embedded) {
			throw InvalidInputException.conflict("backup", "operations.backup.external");
		}
		if (!this.running.tryLock()) {
			throw InvalidInputException.conflict("backup", "operations.backup.running");
		}
		try {
			BackupFile made = write();
			this.audit.record("BACKUP_CREATED", "backup", made.id(), null,
					AuditLog.Changes.of().set("file", made.fileName()).set("size", made.size()));
			return made;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The backup failed in the database", ex);
		}
		finally {
			this.running.unlock();
		}
	}

	private BackupFile write() throws IOException, SQLException {
		long started = System.nanoTime();
		OwnerOnlyFiles.folder(this.folder);
		Instant at = Instant.now(this.clock);
		String base = "linli-" + LocalDateTime.ofInstant(at, Times.zone()).format(STAMP);
		String name = base + ".zip";
		for (int n = 2; Files.exists(this.folder.resolve(name)); n++) {
			name = base + "-" + n + ".zip";
		}
		Path target = this.folder.resolve(name);
		Path part = this.folder.resolve(name + ".part");
		MessageDigest digest = sha256();
		try (OutputStream out = new DigestOutputStream(OwnerOnlyFiles.create(part), digest)) {
			BaseBackup.write(this.dataSource, List.of(new BaseBackup.Extra("secrets", this.dataDir.resolve("secrets")),
					new BaseBackup.Extra("files", this.dataDir.resolve("files"))), out);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			Files.deleteIfExists(part);
			throw ex;
		}
		// on the disk before it is listed: a power cut leaves a .part, never a short
		// backup
		force(part);
		String hash = HexFormat.of().formatHex(digest.digest());
		Path sidecar = this.folder.resolve(name + ".sha256");
		Files.deleteIfExists(sidecar);
		OwnerOnlyFiles.writeNew(sidecar, (hash + "  " + name + "\n").getBytes(StandardCharsets.US_ASCII));
		force(sidecar);
		Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
		force(this.folder);
		BackupFile made = read(target);
		log.info("Backup {} made in {} ms: {} bytes", name, (System.nanoTime() - started) / 1_000_000, made.size());
		return made;
	}

	private static void force(Path path) {
		try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(path, Files.isDirectory(path)
				? java.nio.file.StandardOpenOption.READ : java.nio.file.StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// a folder cannot be opened for syncing on every platform: the file was
			log.debug("Could not sync {}", path, ex);
		}
	}

	/** The backups in the folder, newest first. */
	public List<BackupFile> list() {
		if (!Files.isDirectory(this.folder)) {
			return List.of();
		}
		List<BackupFile> found = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.folder)) {
			for (Path file : files.filter((path) -> FILE.matcher(path.getFileName().toString()).matches()).toList()) {
				if (Files.isRegularFile(file.resolveSibling(file.getFileName() + ".sha256"))) {
					found.add(read(file));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		found.sort(Comparator.comparing(BackupFile::createdAt).thenComparing(BackupFile::fileName).reversed());
		return found;
	}

	/**
	 * Removes the backups older than the days kept, never the newest; answers how many
	 * went.
	 */
	public int prune() {
		removeLeftOvers();
		List<BackupFile> all = list();
		Instant limit = Instant.now(this.clock).minus(Duration.ofDays(this.keepDays));
		int removed = 0;
		for (BackupFile backup : all.subList(Math.min(1, all.size()), all.size())) {
			if (backup.createdAt().isBefore(limit)) {
				try {
					Files.deleteIfExists(this.folder.resolve(backup.fileName() + ".sha256"));
					Files.deleteIfExists(this.folder.resolve(backup.fileName()));
					removed++;
				}
				catch (IOException ex) {
					log.warn("Could not remove the old backup {}", backup.fileName(), ex);
				}
			}
		}
		return removed;
	}

	/** Parts of backups a crash interrupted (never while one is being written). */
	private void removeLeftOvers() {
		if (!Files.isDirectory(this.folder) || !this.running.tryLock()) {
			return;
		}
		try (Stream<Path> files = Files.list(this.folder)) {
			for (Path part : files.filter((p) -> p.getFileName().toString().endsWith(".zip.part")).toList()) {
				Files.deleteIfExists(part);
			}
		}
		catch (IOException ex) {
			log.warn("Could not remove an interrupted backup in {}", this.folder, ex);
		}
		finally {
			this.running.unlock();
		}
	}

	private BackupFile read(Path file) throws IOException {
		String name = file.getFileName().toString();
		String hash = Restore.expectedChecksum(file);
		String id = name.substring(0, name.length() - ".zip".length());
		// the time in the name is the application's clock when it was made
		Instant made = LocalDateTime.parse(id.substring("linli-".length(), "linli-".length() + 15), STAMP)
			.atZone(Times.zone())
			.toInstant();
		return new BackupFile(id, name, Files.size(file), hash, made);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
