package org.linli.residents;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.linli.residents.internal.Anonymization;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linli.support.HttpAssert.assertThat;

/**
 * A former resident anonymized after the retention period: identity erased everywhere,
 * the portal account gone, the money under the pseudonym with the same amounts and
 * receipt numbers; refused too early, while still living, twice, without the permission,
 * and to staff of another community.
 */
class AnonymizationIntegrationTests extends IntegrationTest {

	@Autowired
	Anonymization anonymization;

	@Test
	void aFormerResidentIsAnonymizedAfterTheRetentionPeriodAndTheMoneyStaysAsItWas() throws Exception {
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		long room = createRoom(building, "1单元", 1, "101");
		long otherRoom = createRoom(building, "1单元", 1, "102");
		String phone = phone();
		long former = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "周八", "phone", phone, "emergencyContact", "周九 13800000000", "note", "养猫", "gender",
							"MALE", "communityId", community, "roomId", room, "role", "OWNER", "since", "2018-01-01"))
			.id();
		String code = invite(former);
		assertThat(this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", code, "password", "resident-pass-1")))
			.hasStatus(200, 201);
		String portal = this.api.token(phone, "resident-pass-1");
		assertThat(this.api.get("/api/v1/me", portal)).hasStatus(200);
		moveOut(former, "2020-06-30");
		long recent = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "吴一", "phone", phone(), "communityId", community, "roomId", otherRoom, "role",
							"TENANT", "since", "2022-01-01"))
			.id();
		moveOut(recent, "2024-01-31");
		long living = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "郑二", "phone", phone(), "communityId", community, "roomId", otherRoom, "role",
							"TENANT", "since", "2024-02-01"))
			.id();

		// a payment taken in 2019, while they lived there, naming them beside a co-owner;
		// and one taken this year from a later owner whose name merely contains theirs
		java.time.Instant now = this.clock.instant();
		this.clock.set(java.time.LocalDate.of(2019, 5, 6), 10, 0);
		String finance = staffToken(List.of("FINANCE"), List.of(community));
		Api.Response paid = this.api.post("/api/v1/payments", finance,
				Map.of("roomId", room, "amount", "50.00", "method", "CASH", "toPrepaid", true, "payerName", "周八、钱三"),
				"Idempotency-Key", UUID.randomUUID().toString());
		assertThat(paid).hasStatus(201);
		String receipt = paid.json().get("receiptNumber").asString();
		this.clock.setInstant(now);
		finance = staffToken(List.of("FINANCE"), List.of(community));
		Api.Response namesake = this.api.post("/api/v1/payments", finance,
				Map.of("roomId", room, "amount", "60.00", "method", "CASH", "toPrepaid", true, "payerName", "周八华"),
				"Idempotency-Key", UUID.randomUUID().toString());
		assertThat(namesake).hasStatus(201);

		// one who left this community long ago but lives in another one now
		long moved = this.api
			.post("/api/v1/residents", admin(),
					Map.of("name", "褚四", "phone", phone(), "communityId", community, "roomId", otherRoom, "role",
							"TENANT", "since", "2016-01-01"))
			.id();
		moveOut(moved, "2019-01-31");
		long elsewhereRoom = createRoom(createBuilding(createCommunity(), "9栋"), "1单元", 1, "101");
		assertThat(this.api.post("/api/v1/rooms/" + elsewhereRoom + "/occupancies", admin(),
				Map.of("residentId", moved, "role", "OWNER", "since", "2023-01-01")))
			.hasStatus(201);

		// who is due: the one who left more than five years ago
		List<Long> due = this.api.get("/api/v1/residents/anonymization-due", admin())
			.json()
			.valueStream()
			.map((d) -> d.get("residentId").asLong())
			.toList();
		assertThat(due).contains(former).doesNotContain(recent, living, moved);
		assertThat(this.anonymization.notifyDue()).isPositive();
		assertThat(this.anonymization.notifyDue()).isZero();

		// not without the permission, not from another community
		String manager = staffToken(List.of("MANAGER"), List.of(community));
		assertThat(this.api.post("/api/v1/residents/" + former + "/anonymization", manager, Map.of())).hasStatus(403);
		long elsewhere = createCommunity();
		long stranger = this.jdbc.sql("SELECT id FROM staff_account WHERE username = ?")
			.param(createStaff(List.of("MANAGER"), List.of(elsewhere)))
			.query(Long.class)
			.single();
		this.jdbc.sql("INSERT INTO staff_account_permission (account_id, permission) VALUES (?, 'PERSONAL_DATA_VIEW')")
			.param(stranger)
			.update();
		String strangerToken = this.api.token(this.jdbc.sql("SELECT username FROM staff_account WHERE id = ?")
			.param(stranger)
			.query(String.class)
			.single(), "password-123");
		assertThat(this.api.post("/api/v1/residents/" + former + "/anonymization", strangerToken, Map.of()))
			.hasStatus(404);
		assertThat(this.api.post("/api/v1/residents/" + recent + "/anonymization", admin(), Map.of())).hasStatus(409);
		assertThat(this.api.post("/api/v1/residents/" + living + "/anonymization", admin(), Map.of())).hasStatus(409);

		Api.Response done = this.api.post("/api/v1/residents/" + former + "/anonymization", admin(), Map.of());
		assertThat(done).hasStatus(200);
		String pseudonym = done.json().get("pseudonym").asString();
		assertThat(pseudonym).isEqualTo("匿名住户R" + former);
		assertThat(this.api.post("/api/v1/residents/" + former + "/anonymization", admin(), Map.of())).hasStatus(409);

		JsonNode seen = this.api.get("/api/v1/residents/" + former, admin()).json();
		assertThat(seen.get("name").asString()).isEqualTo(pseudonym);
		assertThat(seen.get("phone").isNull()).isTrue();
		assertThat(seen.get("emergencyContact").isNull()).isTrue();
		assertThat(seen.get("note").isNull()).isTrue();
		assertThat(this.api.get("/api/v1/residents?q=" + phone, admin()).json().get("content").size()).isZero();
		assertThat(this.api.get("/api/v1/residents/anonymization-due", admin()).json().findValuesAsString("residentId"))
			.doesNotContain(String.valueOf(former));
		// the stays remain, under the pseudonym
		assertThat(this.api.get("/api/v1/residents/" + former + "/occupancies", admin()).json().size()).isEqualTo(1);
		// the portal account is gone with its tokens
		assertThat(this.api.get("/api/v1/me", portal)).hasStatus(401);
		assertThat(this.api.post("/api/v1/auth/token", null, Map.of("username", phone, "password", "resident-pass-1")))
			.hasStatus(401);

		// the money as it was, under the pseudonym; the co-payer's name untouched
		JsonNode payment = this.api.get("/api/v1/payments/" + paid.id(), finance).json();
		assertThat(payment.get("amount").asString()).isEqualTo("50.00");
		assertThat(payment.get("receiptNumber").asString()).isEqualTo(receipt);
		assertThat(payment.get("payerName").asString()).isEqualTo(pseudonym + "、钱三");
		assertThat(this.api.get("/api/v1/payments/" + namesake.id(), finance).json().get("payerName").asString())
			.isEqualTo("周八华");
		String reprint = text(this.api.download("/api/v1/payments/" + paid.id() + "/receipt.pdf", finance).bytes());
		assertThat(reprint).contains(pseudonym).doesNotContain("周八");
		// and still nothing but the payer's name may change on a payment
		assertThatThrownBy(
				() -> this.jdbc.sql("UPDATE payment SET amount = amount + 1 WHERE id = ?").param(paid.id()).update())
			.hasMessageContaining("append-only");
		assertThat(this.jdbc.sql("SELECT amount FROM payment WHERE id = ?")
			.param(paid.id())
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("50.00");

		// audited without what was erased
		String details = this.jdbc.sql("""
				SELECT details::text FROM audit_entry WHERE action = 'RESIDENT_ANONYMIZED' AND target_id = ?""")
			.param(String.valueOf(former))
			.query(String.class)
			.single();
		assertThat(details).contains(pseudonym).doesNotContain("周八", phone);
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_entry WHERE details::text LIKE ?")
			.param("%" + phone + "%")
			.query(Long.class)
			.single()).isZero();
	}

	private void moveOut(long resident, String until) {
		long stay = this.api.get("/api/v1/residents/" + resident + "/occupancies", admin())
			.json()
			.get(0)
			.get("id")
			.asLong();
		assertThat(
				this.api.post("/api/v1/occupancies/" + stay + "/end", admin(), Map.of("until", until, "reason", "搬走")))
			.hasStatus(200);
	}

	private static String text(byte[] pdf) throws Exception {
		com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(pdf);
		com.lowagie.text.pdf.parser.PdfTextExtractor extractor = new com.lowagie.text.pdf.parser.PdfTextExtractor(
				reader);
		StringBuilder text = new StringBuilder();
		for (int page = 1; page <= reader.getNumberOfPages(); page++) {
			text.append(extractor.getTextFromPage(page));
		}
		return text.toString();
	}

	private static String phone() {
		return "139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
	}

}
