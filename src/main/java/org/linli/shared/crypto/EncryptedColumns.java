package org.linli.shared.crypto;

import java.util.List;

/**
 * A module's columns that hold values sealed by {@link PersonalDataCipher}, so that a key
 * rotation re-encrypts every one of them: each module that stores any declares a bean.
 */
public interface EncryptedColumns {

	List<Column> encryptedColumns();

	/** A column of sealed values, and the table's key column. */
	record Column(String table, String key, String column) {
	}

}
