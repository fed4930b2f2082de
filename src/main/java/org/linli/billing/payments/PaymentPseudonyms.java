package org.linli.billing.payments;

import org.linli.residents.ResidentAnonymized;
import org.linli.residents.Residents;
import org.linli.shared.SqlArrays;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An anonymized resident's name on the payments of the rooms they lived in becomes the
 * pseudonym, within the anonymizing transaction: the payer's name is the one column of a
 * payment the database lets change (its trigger compares every other), so amounts and
 * receipt numbers stay as they were, and a reprinted receipt shows the pseudonym.
 */
@Component
class PaymentPseudonyms {

	private final JdbcClient jdbc;

	private final Residents residents;

	PaymentPseudonyms(JdbcClient jdbc, Residents residents) {
		this.jdbc = jdbc;
		this.residents = residents;
	}

	@EventListener
	void on(ResidentAnonymized anonymized) {
		this.jdbc.sql("""
				UPDATE payment SET payer_name = replace(payer_name, :former, :pseudonym)
				WHERE room_id = ANY (CAST(:rooms AS bigint[])) AND strpos(payer_name, :former) > 0""")
			.param("former", anonymized.formerName())
			.param("pseudonym", anonymized.pseudonym())
			.param("rooms", SqlArrays.bigints(this.residents.roomsEver(anonymized.residentId())))
			.update();
	}

}
