package org.linli.workorders.internal;

import org.linli.residents.ResidentAnonymized;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An anonymized resident's repair orders keep their history under the pseudonym: the
 * reporter's name (on the order and on the steps they took) replaced, the phone erased,
 * in the anonymizing transaction. Their photos stay: they show the fault, not the person.
 */
@Component
class WorkOrderPseudonyms {

	private final JdbcClient jdbc;

	WorkOrderPseudonyms(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(ResidentAnonymized anonymized) {
		this.jdbc
			.sql("""
					UPDATE work_order_step SET by_name = :pseudonym
					WHERE by_name = :former AND work_order_id IN (SELECT id FROM work_order WHERE reporter_resident_id = :resident)""")
			.param("pseudonym", anonymized.pseudonym())
			.param("former", anonymized.formerName())
			.param("resident", anonymized.residentId())
			.update();
		this.jdbc.sql("""
				UPDATE work_order SET reporter_name = :pseudonym, reporter_phone_cipher = NULL,
				       created_by = CASE WHEN created_by = :former THEN :pseudonym ELSE created_by END
				WHERE reporter_resident_id = :resident""")
			.param("pseudonym", anonymized.pseudonym())
			.param("former", anonymized.formerName())
			.param("resident", anonymized.residentId())
			.update();
	}

}
