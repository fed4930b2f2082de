package org.linli.billing.payments;

import org.linli.residents.ResidentAnonymized;
import org.linli.residents.Residents;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An anonymized resident's name on the payments taken in their rooms while they lived
 * there becomes the pseudonym, within the anonymizing transaction: the payer's name is
 * the one column of a payment the database lets change (its trigger compares every
 * other), so amounts and receipt numbers stay as they were, and a reprinted receipt shows
 * the pseudonym.
 */
@Component
class PaymentPseudonyms {

	private final JdbcClient jdbc;

	private final Residents residents;

	PaymentPseudonyms(JdbcClient jdbc, Residents residents) {
		this.jdbc = jdbc;
		this.residents = residents;
	}

	/**
	 * The payments taken in the rooms the person lived in while they lived there, whose
	 * payer names them as one of the payers (names are joined by 、): that name, and no
	 * other that merely contains it, becomes the pseudonym.
	 */
	@EventListener
	void on(ResidentAnonymized anonymized) {
		java.util.List<Residents.Stay> stays = this.residents.staysEver(anonymized.residentId());
		if (stays.isEmpty()) {
			return;
		}
		this.jdbc
			.sql("""
					UPDATE payment p
					SET payer_name = left(array_to_string(array(
					        SELECT CASE WHEN part = :former THEN :pseudonym ELSE part END
					        FROM unnest(string_to_array(p.payer_name, '、')) WITH ORDINALITY AS t(part, n) ORDER BY n), '、'), 64)
					WHERE :former = ANY (string_to_array(p.payer_name, '、'))
					  AND EXISTS (SELECT 1 FROM unnest(CAST(:rooms AS bigint[]), CAST(:since AS date[]), CAST(:until AS date[]))
					                  AS s(room_id, since, until)
					              WHERE s.room_id = p.room_id AND p.value_date >= s.since AND p.value_date <= s.until)""")
			.param("former", anonymized.formerName())
			.param("pseudonym", anonymized.pseudonym())
			.param("rooms", arrayText(stays, (s) -> String.valueOf(s.roomId())))
			.param("since", arrayText(stays, (s) -> s.since().toString()))
			.param("until", arrayText(stays, (s) -> (s.until() != null) ? s.until().toString() : "infinity"))
			.update();
	}

	/** The text of a PostgreSQL array of one field of each stay ({@code {a,b,c}}). */
	private static String arrayText(java.util.List<Residents.Stay> stays,
			java.util.function.Function<Residents.Stay, String> field) {
		return stays.stream().map(field).collect(java.util.stream.Collectors.joining(",", "{", "}"));
	}

}
