package org.linli.complaints.internal;

import org.linli.residents.ResidentAnonymized;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An anonymized resident's complaints and suggestions keep their history under the
 * pseudonym: the author's name replaced, the phone erased, in the anonymizing
 * transaction.
 */
@Component
class ComplaintPseudonyms {

	private final JdbcClient jdbc;

	ComplaintPseudonyms(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(ResidentAnonymized anonymized) {
		this.jdbc
			.sql("""
					UPDATE complaint_event SET by_name = :pseudonym
					WHERE by_name = :former AND complaint_id IN (SELECT id FROM complaint WHERE author_resident_id = :resident)""")
			.param("pseudonym", anonymized.pseudonym())
			.param("former", anonymized.formerName())
			.param("resident", anonymized.residentId())
			.update();
		this.jdbc.sql("""
				UPDATE complaint SET author_name = :pseudonym, author_phone_cipher = NULL
				WHERE author_resident_id = :resident""")
			.param("pseudonym", anonymized.pseudonym())
			.param("resident", anonymized.residentId())
			.update();
	}

}
