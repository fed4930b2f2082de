package org.linli.operations;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.linli.operations.internal.KeyRotation;
import org.linli.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every column of sealed values in the schema ({@code *_cipher}) is declared to the key
 * rotation, so that none is left behind under an old key.
 */
class EncryptedColumnsIntegrationTests extends IntegrationTest {

	@Autowired
	KeyRotation rotation;

	@Test
	void everyCipherColumnIsRotated() {
		List<String> inSchema = this.jdbc.sql("""
				SELECT table_name || '.' || column_name FROM information_schema.columns
				WHERE table_schema = 'public' AND column_name LIKE '%\\_cipher' ORDER BY 1""")
			.query(String.class)
			.list();
		assertThat(inSchema).isNotEmpty();
		assertThat(this.rotation.columns().stream().map((c) -> c.table() + "." + c.column()).toList())
			.containsExactlyInAnyOrderElementsOf(inSchema);
	}

}
