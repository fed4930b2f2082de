package org.linli.workorders.internal;

import java.util.List;

import org.linli.shared.crypto.EncryptedColumns;

import org.springframework.stereotype.Component;

/** The reporter's sealed phone number on a repair order. */
@Component
class WorkOrderEncryptedColumns implements EncryptedColumns {

	@Override
	public List<Column> encryptedColumns() {
		return List.of(new Column("work_order", "id", "reporter_phone_cipher"));
	}

}
