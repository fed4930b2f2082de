package org.linli.workorders.internal;

import org.linli.residents.ResidentAnonymized;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An anonymized resident's repair orders keep their history under the pseudonym: the
 * reporter's name replaced, the phone erased, in the anonymizing transaction.
 */
@Component
class WorkOrderPseudonyms {

	private final JdbcClient jdbc;

	WorkOrderPseudonyms(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(ResidentAnonymized anonymized) {
		this.jdbc.sql("""
				UPDATE work_order SET reporter_name = :pseudonym, reporter_phone_cipher = NULL
				WHERE reporter_resident_id = :resident""")
			.param("pseudonym", anonymized.pseudonym())
			.param("resident", anonymized.residentId())
			.update();
	}

}
