package org.linli.residents.internal;

import java.util.List;

import org.linli.shared.crypto.EncryptedColumns;

import org.springframework.stereotype.Component;

/** The residents' sealed phone, ID and emergency-contact numbers. */
@Component
class ResidentEncryptedColumns implements EncryptedColumns {

	@Override
	public List<Column> encryptedColumns() {
		return List.of(new Column("resident", "id", "phone_cipher"), new Column("resident", "id", "id_cipher"),
				new Column("resident", "id", "emergency_cipher"));
	}

}
