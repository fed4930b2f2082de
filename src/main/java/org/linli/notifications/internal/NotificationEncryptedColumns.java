package org.linli.notifications.internal;

import java.util.List;

import org.linli.shared.crypto.EncryptedColumns;

import org.springframework.stereotype.Component;

/** Residents' sealed email addresses. */
@Component
class NotificationEncryptedColumns implements EncryptedColumns {

	@Override
	public List<Column> encryptedColumns() {
		return List.of(new Column("notification_preference", "resident_id", "email_cipher"));
	}

}
