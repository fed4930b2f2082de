package org.linli.complaints.internal;

import java.util.List;

import org.linli.shared.crypto.EncryptedColumns;

import org.springframework.stereotype.Component;

/** The author's sealed phone number on a complaint. */
@Component
class ComplaintEncryptedColumns implements EncryptedColumns {

	@Override
	public List<Column> encryptedColumns() {
		return List.of(new Column("complaint", "id", "author_phone_cipher"));
	}

}
