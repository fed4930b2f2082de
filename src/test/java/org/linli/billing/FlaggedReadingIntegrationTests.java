package org.linli.billing;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.billing.runs.BillingRuns;
import org.linli.shared.Times;
import org.linli.support.Api;
import org.linli.support.Eventually;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * A reading far above the room's average does not reach a resident's bill unnoticed: the
 * preview lists it with the line it would make, a run is refused until staff say whether
 * to bill it or leave the room out, and a room left out is listed and billed later.
 */
class FlaggedReadingIntegrationTests extends IntegrationTest {

	private static final YearMonth THIS_MONTH = YearMonth.now(Times.zone());

	@Autowired
	BillingRuns runs;

	private long community;

	private long normal;

	private long misread;

	private long item;

	private String finance;

	@BeforeEach
	void twoRoomsOneMisread() {
		this.community = createCommunity();
		long building = createBuilding(this.community, "1栋");
		this.normal = createRoom(building, "1单元", 1, "101");
		this.misread = createRoom(building, "1单元", 1, "102");
		this.finance = staffToken(List.of("FINANCE"), List.of(this.community));
		this.item = this.api
			.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
					Map.of("name", "电费", "method", "METERED", "meterType", "ELECTRICITY", "unitPrice", "0.60", "cycle",
							"MONTHLY", "dueDay", 15, "appliesTo", "ALL_ROOMS", "effectiveFrom", THIS_MONTH.toString()))
			.id();
		for (long room : List.of(this.normal, this.misread)) {
			read(room, THIS_MONTH.minusMonths(3), "1000", false);
			read(room, THIS_MONTH.minusMonths(2), "1200", false);
			read(room, THIS_MONTH.minusMonths(1), "1400", false);
		}
		read(this.normal, THIS_MONTH, "1600", false);
		// 125,000 kWh instead of 200: a digit too many
		Api.Response flagged = read(this.misread, THIS_MONTH, "126400", true);
		assertThat(flagged.json().get("flagged").asBoolean()).isTrue();
	}

	private Api.Response read(long room, YearMonth period, String reading, boolean confirm) {
		Map<String, Object> body = new HashMap<>(
				Map.of("roomId", room, "meterType", "ELECTRICITY", "period", period.toString(), "reading", reading));
		if (confirm) {
			body.put("confirmLargeUsage", true);
		}
		Api.Response response = this.api.post("/api/v1/meter-readings", this.finance, body);
		assertThat(response).hasStatus(201);
		return response;
	}

	/** The id of a room's electricity reading of a period. */
	private long readingOf(long room, YearMonth period) {
		return this.api.get("/api/v1/rooms/" + room + "/meter-readings", this.finance)
			.json()
			.valueStream()
			.filter((r) -> r.get("period").asString().equals(period.toString()))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asLong();
	}

	private Api.Response start(String flagged) {
		Map<String, Object> body = new HashMap<>(
				Map.of("period", THIS_MONTH.toString(), "feeItemIds", List.of(this.item)));
		if (flagged != null) {
			body.put("flagged", flagged);
		}
		return this.api.post("/api/v1/communities/" + this.community + "/billing-runs", this.finance, body);
	}

	private void finish(Api.Response started) {
		assertThat(started).hasStatus(202);
		completed(started.id());
	}

	/** Waits for a run, helping the background worker along. */
	private void completed(long run) {
		Eventually.eventually(() -> {
			this.runs.pickUp();
			assertThat(this.api.get("/api/v1/billing-runs/" + run, this.finance).json().get("status").asString())
				.isEqualTo("COMPLETED");
		});
	}

	private List<String> amounts(long room) {
		return this.api.get("/api/v1/rooms/" + room + "/bills", this.finance)
			.json()
			.valueStream()
			.map((b) -> b.get("amount").asString())
			.toList();
	}

	@Test
	void thePreviewListsTheFlaggedReadingAndARunWaitsForAChoice() {
		JsonNode preview = this.api
			.post("/api/v1/communities/" + this.community + "/billing-runs/preview", this.finance,
					Map.of("period", THIS_MONTH.toString(), "feeItemIds", List.of(this.item)))
			.json();
		assertThat(preview.get("flagged")).hasSize(1);
		JsonNode flagged = preview.get("flagged").get(0);
		assertThat(flagged.get("roomId").asLong()).isEqualTo(this.misread);
		assertThat(flagged.get("meterType").asString()).isEqualTo("ELECTRICITY");
		assertThat(flagged.get("usage").asString()).isEqualTo("125000.000");
		assertThat(flagged.get("amount").asString()).isEqualTo("75000.00");

		Api.Response refused = start(null);
		assertThat(refused).hasStatus(409);
		assertThat(refused.fieldMessage("flagged")).contains("1 条读数用量异常");
		assertThat(amounts(this.misread)).isEmpty();

		// left out: the normal room is billed, the misread one listed and not billed
		Api.Response leftOut = start("LEAVE_OUT");
		finish(leftOut);
		assertThat(amounts(this.normal)).containsExactly("120.00");
		assertThat(amounts(this.misread)).isEmpty();
		JsonNode missing = this.api.get("/api/v1/billing-runs/" + leftOut.id(), this.finance).json().get("missing");
		assertThat(missing).hasSize(1);
		assertThat(missing.get(0).get("roomId").asLong()).isEqualTo(this.misread);
		assertThat(missing.get(0).get("flagged").asBoolean()).isTrue();

		// checked and confirmed: billed as read, once
		finish(start("BILL"));
		assertThat(amounts(this.misread)).containsExactly("75000.00");
		assertThat(amounts(this.normal)).containsExactly("120.00");
	}

	@Test
	void aMisreadIsCorrectedBeforeBillingAndACheckedOneVerified() {
		long misreading = readingOf(this.misread, THIS_MONTH);
		Api.Response noReason = this.api.put("/api/v1/meter-readings/" + misreading, this.finance,
				Map.of("reading", "1600"));
		assertThat(noReason).hasStatus(400);
		assertThat(noReason.fieldMessage("reason")).isNotBlank();
		JsonNode corrected = this.api
			.put("/api/v1/meter-readings/" + misreading, this.finance, Map.of("reading", "1600", "reason", "多抄了两位"))
			.json();
		assertThat(corrected.get("usage").asString()).isEqualTo("200.000");
		assertThat(corrected.get("flagged").asBoolean()).isFalse();
		assertThat(corrected.get("correctionReason").asString()).isEqualTo("多抄了两位");
		// nothing flagged now: the run goes without asking
		finish(start(null));
		assertThat(amounts(this.misread)).containsExactly("120.00");
		// once billed, a reading is read again: its line is voided, saying why (never
		// deleted)
		long line = this.api.get("/api/v1/rooms/" + this.misread + "/bills", this.finance)
			.json()
			.get(0)
			.get("id")
			.asLong();
		assertThat(this.api.delete("/api/v1/meter-readings/" + misreading + "?reason=x", this.finance)).hasStatus(409);
		assertThat(this.api.put("/api/v1/meter-readings/" + misreading, this.finance,
				Map.of("reading", "1650", "reason", "再次核对")))
			.hasStatus(200);
		assertThat(this.api.get("/api/v1/bills/" + line, this.finance).json().get("status").asString())
			.isEqualTo("CANCELLED");
		assertThat(this.jdbc.sql("SELECT reason FROM bill_adjustment WHERE bill_id = ? AND kind = 'CANCELLATION'")
			.param(line)
			.query(String.class)
			.single()).contains("1600 → 1650").contains("再次核对");
		// the next run issues that period again from the corrected reading, said on the
		// line
		finish(start(null));
		assertThat(amounts(this.misread)).containsExactlyInAnyOrder("120.00", "150.00");
		JsonNode reissued = this.api.get("/api/v1/rooms/" + this.misread + "/bills", this.finance)
			.json()
			.valueStream()
			.filter((b) -> b.get("amount").asString().equals("150.00"))
			.findFirst()
			.orElseThrow();
		assertThat(reissued.toString()).contains("读数更正后重开");
		finish(start(null));
		assertThat(amounts(this.misread)).hasSize(2);
		// an earlier reading is not the one to correct
		long earlier = readingOf(this.misread, THIS_MONTH.minusMonths(1));
		assertThat(this.api.put("/api/v1/meter-readings/" + earlier, this.finance,
				Map.of("reading", "1450", "reason", "x")))
			.hasStatus(409);
	}

	@Test
	void aFlaggedReadingCheckedAndVerifiedIsBilledWithoutAsking() {
		long misreading = readingOf(this.misread, THIS_MONTH);
		assertThat(this.api.post("/api/v1/meter-readings/" + misreading + "/verification", this.finance, Map.of()))
			.hasStatus(200);
		JsonNode preview = this.api
			.post("/api/v1/communities/" + this.community + "/billing-runs/preview", this.finance,
					Map.of("period", THIS_MONTH.toString(), "feeItemIds", List.of(this.item)))
			.json();
		assertThat(preview.get("flagged")).isEmpty();
		finish(start("LEAVE_OUT"));
		assertThat(amounts(this.misread)).containsExactly("75000.00");
	}

	@Test
	void thePageShowsTheFlaggedReadingWithBothChoices() {
		WebSession browser = WebSession.signIn(this.api.base(),
				createStaff(List.of("FINANCE"), List.of(this.community)), "password-123");
		String runs = "/admin/communities/" + this.community + "/billing-runs";
		browser.get(runs + "?period=" + THIS_MONTH);
		String preview = browser
			.postForm(runs + "/preview",
					Map.of("period", THIS_MONTH.toString(), "feeItemIds", String.valueOf(this.item)))
			.body();
		assertThat(preview).contains("1 条读数用量异常")
			.contains("1栋-1单元-102")
			.contains("75000.00")
			.contains("仍然按读数出账")
			.contains("跳过这些房屋出账");
		var refused = browser.postForm(runs,
				Map.of("period", THIS_MONTH.toString(), "feeItemIds", String.valueOf(this.item)));
		assertThat(refused).hasStatus(302);
		assertThat(browser.get(runs + "?period=" + THIS_MONTH).body()).contains("请先预览核对");
		var started = browser.postForm(runs, Map.of("period", THIS_MONTH.toString(), "feeItemIds",
				String.valueOf(this.item), "flagged", "LEAVE_OUT"));
		assertThat(started).hasStatus(302);
		String run = java.net.URI.create(started.headers().firstValue("Location").orElseThrow()).getPath();
		completed(Long.parseLong(run.substring(run.lastIndexOf('/') + 1)));
		assertThat(browser.get(run).body()).contains("读数异常，本次未出账").contains("1栋-1单元-102");
		// checked on the readings list (核实), it is billed next time
		String readings = "/admin/communities/" + this.community + "/meter-readings?period=" + THIS_MONTH
				+ "&flagged=true";
		String list = browser.get(readings).body();
		assertThat(list).contains("异常待核实").contains(">核实<").contains(">更正<");
		long misreading = this.jdbc.sql("SELECT id FROM meter_reading WHERE room_id = ? AND flagged")
			.param(this.misread)
			.query(Long.class)
			.single();
		var verified = browser.postForm("/admin/meter-readings/" + misreading + "/verify?back="
				+ java.net.URLEncoder.encode(readings, java.nio.charset.StandardCharsets.UTF_8), Map.of());
		assertThat(verified).hasStatus(302);
		assertThat(browser.get(readings).body()).contains("已核实");
	}

}
