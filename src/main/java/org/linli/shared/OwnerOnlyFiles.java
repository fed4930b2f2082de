package org.linli.shared;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders only the application's own user can read: uploads, keys. On a POSIX
 * host folders are created {@code rwx------} and files {@code rw-------}; elsewhere the
 * host's defaults apply.
 */
public final class OwnerOnlyFiles {

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private OwnerOnlyFiles() {
	}

	/** The folder and any missing parents, owner-only when created here. */
	public static Path folder(Path folder) throws IOException {
		if (Files.isDirectory(folder)) {
			return folder;
		}
		if (folder.getParent() != null) {
			folder(folder.getParent());
		}
		try {
			return POSIX ? Files.createDirectory(folder, attribute("rwx------")) : Files.createDirectory(folder);
		}
		catch (FileAlreadyExistsException ex) {
			return folder;
		}
	}

	/** Writes a new file (it must not exist) readable by the owner only. */
	public static void writeNew(Path file, byte[] content) throws IOException {
		if (POSIX) {
			Files.createFile(file, attribute("rw-------"));
			Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
		}
		else {
			Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		}
	}

	/**
	 * Makes every folder and file under the root (the root too) the owner's only, such as
	 * what was unpacked from an archive.
	 */
	public static void restrict(Path root) throws IOException {
		if (!POSIX) {
			return;
		}
		try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.toList()) {
				Files.setPosixFilePermissions(path,
						PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
			}
		}
	}

	/** Opens a new file (it must not exist) readable by the owner only, for writing. */
	public static java.io.OutputStream create(Path file) throws IOException {
		if (POSIX) {
			Files.createFile(file, attribute("rw-------"));
			return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
		}
		return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
	}

	private static FileAttribute<Set<PosixFilePermission>> attribute(String permissions) {
		return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
	}

}
