package org.linli.residents.internal;

import java.util.ArrayList;
import java.util.List;

import org.linli.shared.Seed;
import org.linli.shared.crypto.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The keyed hash of the last four digits of a resident's phone, by which the front desk
 * finds them. Written with each number; for rows written before (or by bulk paths),
 * filled when the application starts, after the demo residents (order 60). Safe to run
 * twice.
 */
@Component
@Order(65)
class PhoneTails implements Seed {

	private static final Logger log = LoggerFactory.getLogger(PhoneTails.class);

	private final JdbcClient jdbc;

	private final PersonalDataCipher cipher;

	private final JdbcTemplate template;

	PhoneTails(JdbcClient jdbc, JdbcTemplate template, PersonalDataCipher cipher) {
		this.template = template;
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	/** The hash of a number's last four digits (or of what is typed to find it). */
	String hashOf(String phoneOrTail) {
		if (phoneOrTail == null || phoneOrTail.length() < 4) {
			return null;
		}
		return this.cipher.searchHash("tail:" + phoneOrTail.substring(phoneOrTail.length() - 4));
	}

	@Override
	public void seed() {
		int filled = fillMissing();
		if (filled > 0) {
			log.info("Filled the phone-suffix search hash of {} residents", filled);
		}
	}

	/** Fills every row whose number has no suffix hash yet, a thousand at a time. */
	int fillMissing() {
		int total = 0;
		while (true) {
			record Row(long id, String cipher) {
			}
			List<Row> rows = this.jdbc.sql("""
					SELECT id, phone_cipher FROM resident WHERE phone_tail_hash IS NULL AND phone_cipher IS NOT NULL
					ORDER BY id LIMIT 1000""").query((rs, n) -> new Row(rs.getLong(1), rs.getString(2))).list();
			if (rows.isEmpty()) {
				return total;
			}
			List<Object[]> updates = new ArrayList<>();
			for (Row row : rows) {
				String hash = hashOf(this.cipher.decrypt(row.cipher()));
				// a number too short to have a suffix is marked, so that it is not read
				// again
				updates.add(new Object[] { (hash != null) ? hash : "-", row.id() });
			}
			this.template.batchUpdate("UPDATE resident SET phone_tail_hash = ? WHERE id = ?", updates);
			total += rows.size();
		}
	}

	/** Writes the suffix hash of one resident's number. */
	void write(long residentId, String phone) {
		this.jdbc.sql("UPDATE resident SET phone_tail_hash = ? WHERE id = ?")
			.params(hashOf(phone), residentId)
			.update();
	}

}
