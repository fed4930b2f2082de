package org.linli.equipment.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.linli.shared.Seed;
import org.linli.shared.files.FileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start after an upgrade, moves the equipment files that earlier versions
 * kept under {@code data/files/equipment} into the {@link FileStore}, one file per
 * transaction (a second run, after a crash, takes up where the first stopped), then moves
 * the emptied-out folder aside to {@code data/files-moved/equipment}, to be deleted by
 * hand once the backups are trusted. Only files a row names are moved.
 */
@Component
@Order(5)
class EquipmentFilesMove implements Seed {

	private static final Logger log = LoggerFactory.getLogger(EquipmentFilesMove.class);

	private final JdbcClient jdbc;

	private final FileStore store;

	private final TransactionTemplate transactions;

	private final Path folder;

	private final Path movedTo;

	EquipmentFilesMove(JdbcClient jdbc, FileStore store, TransactionTemplate transactions,
			@Value("${linli.data-dir}") String dataDir) {
		this.jdbc = jdbc;
		this.store = store;
		this.transactions = transactions;
		Path root = Path.of(dataDir).toAbsolutePath().normalize();
		this.folder = root.resolve("files").resolve("equipment");
		this.movedTo = root.resolve("files-moved").resolve("equipment");
	}

	@Override
	public void seed() {
		if (!Files.isDirectory(this.folder)) {
			return;
		}
		int moved = 0;
		try (Stream<Path> files = Files.list(this.folder)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String name = file.getFileName().toString();
				if (named(name) && !this.store.exists(name)) {
					this.transactions.executeWithoutResult((status) -> {
						try (InputStream in = Files.newInputStream(file)) {
							this.store.store(name, in, Files.size(file));
						}
						catch (IOException ex) {
							throw new UncheckedIOException(ex);
						}
					});
					moved++;
				}
			}
			Files.createDirectories(this.movedTo.getParent());
			Path aside = this.movedTo;
			for (int n = 2; Files.exists(aside); n++) {
				aside = this.movedTo.resolveSibling("equipment-" + n);
			}
			Files.move(this.folder, aside);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not move the equipment files into the database", ex);
		}
		log.info("Moved {} equipment files from {} into the database; the folder is now under {}", moved, this.folder,
				this.movedTo.getParent());
	}

	private boolean named(String name) {
		return this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM equipment_file WHERE stored_name = :name)
				    OR EXISTS (SELECT 1 FROM equipment_photo WHERE stored_name = :name)""")
			.param("name", name)
			.query(Boolean.class)
			.single();
	}

}
