package org.linli.shared;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Uploads and keys are readable by the application's own user only. */
class OwnerOnlyFilesTests {

	@Test
	void foldersAndFilesAreTheOwnersOnly() throws Exception {
		assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
		Path folder = Path.of("target", "tmp", "owner-only-" + UUID.randomUUID(), "files");
		OwnerOnlyFiles.folder(folder);
		Path file = folder.resolve("photo.png");
		OwnerOnlyFiles.writeNew(file, "x".getBytes(StandardCharsets.UTF_8));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.getParent())))
			.isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(Files.readString(file)).isEqualTo("x");
		OwnerOnlyFiles.folder(folder);
	}

}
