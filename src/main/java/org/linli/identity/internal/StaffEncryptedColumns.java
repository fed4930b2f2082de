package org.linli.identity.internal;

import java.util.List;

import org.linli.shared.crypto.EncryptedColumns;

import org.springframework.stereotype.Component;

/** Staff members' sealed phone numbers. */
@Component
class StaffEncryptedColumns implements EncryptedColumns {

	@Override
	public List<Column> encryptedColumns() {
		return List.of(new Column("staff_account", "id", "phone_cipher"));
	}

}
