package org.linli.dunning;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.lowagie.text.pdf.PdfReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.billing.Billing;
import org.linli.billing.ChargeKind;
import org.linli.billing.runs.BillingRuns;
import org.linli.notifications.internal.Deliveries;
import org.linli.shared.Money;
import org.linli.support.Api;
import org.linli.support.BillingRunner;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Dunning end to end through the API: the policy reminds the rooms it is due to once per
 * step, never those who paid, with any number of concurrent runs; staff remind chosen
 * rooms and print their notices; each room keeps its history and notes; the resident
 * reads the reminder in their inbox.
 */
class DunningIntegrationTests extends IntegrationTest {

	@Autowired
	BillingRuns runs;

	@Autowired
	ApplicationContext context;

	@Autowired
	Billing billing;

	private long community;

	private long building;

	private long roomA;

	private long roomB;

	private long roomC;

	private long roomD;

	private String financeUser;

	private String finance;

	private String ownerOfA;

	private String phoneOfB;

	@BeforeEach
	void aCommunityWhereSomeOwe() {
		// at ten in the morning: text messages are not held for the night's quiet hours
		this.clock.set(LocalDate.now(this.clock).withDayOfMonth(20), 10, 0);
		YearMonth lastMonth = YearMonth.now(this.clock).minusMonths(1);
		this.community = createCommunity();
		this.building = createBuilding(this.community, "1栋");
		long other = createBuilding(this.community, "2栋");
		this.roomA = createRoom(this.building, "1单元", 1, "101");
		this.roomB = createRoom(this.building, "1单元", 1, "102");
		this.roomC = createRoom(other, "1单元", 1, "101");
		this.roomD = createRoom(other, "1单元", 2, "201");
		this.financeUser = createStaff(List.of("FINANCE"), List.of(this.community));
		this.finance = this.api.token(this.financeUser, "password-123");
		this.ownerOfA = residentToken(this.community, this.roomA, "OWNER");
		this.phoneOfB = owner(this.roomB, "李四海");
		owner(this.roomC, "王五");
		long fee = this.api.post("/api/v1/communities/" + this.community + "/fee-items", this.finance,
				Map.of("name", "物业费", "method", "FIXED", "amount", "120.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", lastMonth.toString()))
			.id();
		// billed on the first of last month, as a run then would have been
		Instant now = this.clock.instant();
		this.clock.set(lastMonth.atDay(1), 9, 0);
		new BillingRunner(this.api, this.runs).run(this.community, this.finance, lastMonth, List.of(fee));
		this.clock.setInstant(now);
		pay(this.roomC, "120.00");
	}

	private String owner(long room, String name) {
		String phone = "137" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		assertThat(this.api.post("/api/v1/residents", admin(),
				Map.of("name", name, "phone", phone, "communityId", this.community, "roomId", room, "role", "OWNER",
						"since", LocalDate.now(this.clock).minusYears(2).toString(), "confirmDuplicate", true)))
			.hasStatus(201);
		return phone;
	}

	private void pay(long room, String amount) {
		assertThat(this.api.post("/api/v1/payments", this.finance,
				Map.of("roomId", room, "amount", amount, "method", "CASH"), "Idempotency-Key",
				UUID.randomUUID().toString()))
			.hasStatus(201);
	}

	private void enable(int first, int every, int max, List<String> channels) {
		assertThat(this.api.put("/api/v1/communities/" + this.community + "/dunning-policy", this.finance,
				Map.of("enabled", true, "firstAfterDays", first, "everyDays", every, "maxReminders", max, "channels",
						channels)))
			.hasStatus(200);
	}

	private JsonNode run() {
		Api.Response run = this.api.post("/api/v1/communities/" + this.community + "/dunning-runs", this.finance,
				Map.of());
		assertThat(run).hasStatus(200);
		return run.json();
	}

	private long reminders(long room) {
		return this.jdbc.sql("SELECT count(*) FROM dunning_reminder WHERE room_id = ?")
			.param(room)
			.query(Long.class)
			.single();
	}

	@Test
	void thePolicyIsOffUntilFinanceSwitchesItOnAndRefusesBadNumbersNamingThem() {
		JsonNode policy = this.api.get("/api/v1/communities/" + this.community + "/dunning-policy", this.finance)
			.json();
		assertThat(policy.get("enabled").asBoolean()).isFalse();
		assertThat(policy.get("firstAfterDays").asInt()).isEqualTo(7);
		assertThat(this.api.post("/api/v1/communities/" + this.community + "/dunning-runs", this.finance, Map.of()))
			.hasStatus(409);

		Api.Response bad = this.api.put("/api/v1/communities/" + this.community + "/dunning-policy", this.finance, Map
			.of("enabled", true, "firstAfterDays", -1, "everyDays", 0, "maxReminders", 99, "channels", List.of()));
		assertThat(bad).hasStatus(400);
		assertThat(bad.fieldMessage("firstAfterDays")).contains("0").contains("365");
		assertThat(bad.fieldMessage("everyDays")).isNotBlank();
		assertThat(bad.fieldMessage("maxReminders")).contains("20");
		assertThat(bad.fieldMessage("channels")).isNotBlank();
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/dunning-policy", this.finance)
			.json()
			.get("enabled")
			.asBoolean()).isFalse();

		enable(7, 15, 3, List.of("SMS", "IN_APP"));
		policy = this.api.get("/api/v1/communities/" + this.community + "/dunning-policy", this.finance).json();
		assertThat(policy.get("enabled").asBoolean()).isTrue();
		assertThat(policy.get("channels").toString()).isEqualTo("[\"IN_APP\",\"SMS\"]");
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM audit_entry WHERE action = 'DUNNING_POLICY_CHANGED' AND target_id = ?")
			.param(String.valueOf(this.community))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void thePolicyRemindsEachStepOnceAndNeverThoseWhoPaid() {
		enable(7, 15, 3, List.of("IN_APP", "SMS"));
		JsonNode first = run();
		// A and B owe and have owners; C paid; D owes but nobody lives there to remind
		assertThat(first.get("reminded").asInt()).isEqualTo(2);
		assertThat(first.get("skipped").asInt()).isEqualTo(1);
		assertThat(run().get("reminded").asInt()).isZero();
		assertThat(reminders(this.roomA)).isEqualTo(1);
		assertThat(reminders(this.roomB)).isEqualTo(1);
		assertThat(reminders(this.roomC)).isZero();

		// B pays before the messages go out: its reminder is stopped, A's is delivered
		pay(this.roomB, "120.00");
		Deliveries.deliverNow(this.context);
		JsonNode historyOfB = this.api.get("/api/v1/rooms/" + this.roomB + "/reminders", this.finance).json();
		assertThat(historyOfB.get(0).get("deliveries")).hasSize(2).allSatisfy((d) -> {
			assertThat(d.get("status").asString()).isEqualTo("SUPPRESSED");
			assertThat(d.get("reason").asString()).isEqualTo("SETTLED");
		});
		JsonNode historyOfA = this.api.get("/api/v1/rooms/" + this.roomA + "/reminders", this.finance).json();
		assertThat(historyOfA).hasSize(1);
		assertThat(historyOfA.get(0).get("step").asInt()).isEqualTo(1);
		assertThat(historyOfA.get(0).get("amount").asString()).isEqualTo("120.00");
		assertThat(historyOfA.get(0).get("deliveries")).hasSize(2).allSatisfy((d) -> {
			assertThat(d.get("status").asString()).isEqualTo("SENT");
			assertThat(d.get("sentAt").isNull()).isFalse();
		});
		String sms = historyOfA.get(0)
			.get("deliveries")
			.valueStream()
			.filter((d) -> d.get("channel").asString().equals("SMS"))
			.findFirst()
			.orElseThrow()
			.get("recipient")
			.asString();
		assertThat(sms).matches("1\\d{2}\\*{4}\\d{4}");

		// the resident reads it in their inbox: the amount, the room, no personal data
		JsonNode inbox = this.api.get("/api/v1/me/messages", this.ownerOfA).json();
		assertThat(inbox.get("totalElements").asInt()).isEqualTo(1);
		JsonNode message = inbox.get("content").get(0);
		assertThat(message.get("title").asString()).contains("120.00").contains("1栋-1单元-101");
		assertThat(message.get("body").asString()).contains("住户门户").doesNotContain(this.phoneOfB);
		assertThat(message.get("readAt").isNull()).isTrue();
		assertThat(this.api.get("/api/v1/me/messages/unread-count", this.ownerOfA).json().get("unread").asInt())
			.isEqualTo(1);
		assertThat(
				this.api.post("/api/v1/me/messages/" + message.get("id").asLong() + "/read", this.ownerOfA, Map.of()))
			.hasStatus(204, 200);
		assertThat(this.api.get("/api/v1/me/messages/unread-count", this.ownerOfA).json().get("unread").asInt())
			.isZero();

		// fifteen days on the second step is due, once however often the policy runs
		this.clock.advanceDays(14);
		this.finance = this.api.token(this.financeUser, "password-123");
		assertThat(run().get("reminded").asInt()).isZero();
		this.clock.advanceDays(1);
		this.finance = this.api.token(this.financeUser, "password-123");
		assertThat(run().get("reminded").asInt()).isEqualTo(1);
		assertThat(run().get("reminded").asInt()).isZero();
		assertThat(reminders(this.roomA)).isEqualTo(2);
		assertThat(reminders(this.roomB)).isEqualTo(1);
	}

	@Test
	void aReminderWhoseLinesWerePartlyPaidMeanwhileIsNotSentWithTheOldFigures() {
		this.billing.charge(new Billing.RoomCharge(this.roomA, ChargeKind.REPAIR, Money.of("80.00"), "更换门锁",
				unique("repair"), LocalDate.now(this.clock).minusDays(3)));
		Api.Response queued = this.api.post("/api/v1/communities/" + this.community + "/reminders", this.finance,
				Map.of("roomIds", List.of(this.roomA), "channels", List.of("IN_APP")));
		assertThat(queued.json().get("queued").asInt()).isEqualTo(1);
		JsonNode reminder = this.api.get("/api/v1/rooms/" + this.roomA + "/reminders", this.finance).json().get(0);
		assertThat(reminder.get("amount").asString()).isEqualTo("200.00");
		// the owner pays the older line at the desk before the message goes out
		pay(this.roomA, "120.00");
		Deliveries.deliverNow(this.context);
		JsonNode delivery = this.api.get("/api/v1/rooms/" + this.roomA + "/reminders", this.finance)
			.json()
			.get(0)
			.get("deliveries")
			.get(0);
		assertThat(delivery.get("status").asString()).isEqualTo("SUPPRESSED");
		assertThat(delivery.get("reason").asString()).isEqualTo("CHANGED");
		assertThat(this.api.get("/api/v1/me/messages", this.ownerOfA).json().get("totalElements").asInt()).isZero();
	}

	@Test
	void badInputIsRefusedNamingTheFieldAndChangesNothing() {
		Api.Response days = this.api.get("/api/v1/communities/" + this.community + "/arrears?minDays=99999999",
				this.finance);
		assertThat(days).hasStatus(400);
		assertThat(days.fieldMessage("minDays")).isNotBlank();
		Api.Response nulls = this.api.postRaw("/api/v1/communities/" + this.community + "/reminders", this.finance,
				"application/json", "{\"roomIds\":[" + this.roomA + ",null],\"channels\":[null]}");
		assertThat(nulls).hasStatus(400);
		assertThat(nulls.fieldMessage("roomIds")).isNotBlank();
		assertThat(nulls.fieldMessage("channels")).isNotBlank();
		Api.Response policy = this.api.put("/api/v1/communities/" + this.community + "/dunning-policy", this.finance,
				"{\"enabled\":true,\"firstAfterDays\":7,\"everyDays\":15,\"maxReminders\":3,\"channels\":[null]}");
		assertThat(policy).hasStatus(400);
		assertThat(policy.fieldMessage("channels")).isNotBlank();
		Api.Response log = this.api.get("/api/v1/communities/" + this.community + "/notifications?from=1900-01-01",
				this.finance);
		assertThat(log).hasStatus(400);
		assertThat(log.fieldMessage("from")).isNotBlank();
		assertThat(reminders(this.roomA)).isZero();

		// the console: a tampered switch is refused and what was typed stays; a bad
		// filter
		// in a link is a message, not an error page
		WebSession browser = WebSession.signIn(this.api.base(), this.financeUser, "password-123");
		assertThat(browser.get("/admin/communities/" + this.community + "/arrears")).hasStatus(200);
		HttpResponse<String> form = browser.postForm("/admin/communities/" + this.community + "/dunning-policy", Map
			.of("enabled", "xyz", "firstAfterDays", "9", "everyDays", "15", "maxReminders", "3", "channels", "SMS"));
		assertThat(form).hasStatus(200);
		assertThat(form.body()).contains("is-invalid").contains("value=\"9\"");
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/dunning-policy", this.finance)
			.json()
			.get("enabled")
			.asBoolean()).isFalse();
		HttpResponse<String> page = browser.get("/admin/communities/" + this.community + "/arrears?minDays=99999999");
		assertThat(page).hasStatus(200);
		assertThat(page.body()).contains("alert-danger").contains("1栋-1单元-101");
		assertThat(browser.get("/admin/communities/" + this.community + "/notifications/export.xlsx?to=1900-01-01"))
			.hasStatus(400);
	}

	@Test
	void concurrentRunsLikeTwoNodesRemindEachRoomOnce() throws Exception {
		enable(7, 15, 3, List.of("IN_APP"));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Api.Response>> calls = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				calls.add(pool.submit(() -> this.api.post("/api/v1/communities/" + this.community + "/dunning-runs",
						this.finance, Map.of())));
			}
			int reminded = 0;
			for (Future<Api.Response> call : calls) {
				Api.Response response = call.get();
				assertThat(response).hasStatus(200);
				reminded += response.json().get("reminded").asInt();
			}
			assertThat(reminded).isEqualTo(2);
		}
		finally {
			pool.shutdown();
		}
		assertThat(reminders(this.roomA)).isEqualTo(1);
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM notification WHERE subject IN "
					+ "(SELECT 'dunning:' || id FROM dunning_reminder WHERE room_id = ?)")
			.param(this.roomA)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theArrearsListFiltersSortsMasksAndExports() {
		JsonNode list = this.api
			.get("/api/v1/communities/" + this.community + "/arrears?sort=roomCode&dir=asc", this.finance)
			.json();
		assertThat(list.get("totalElements").asInt()).isEqualTo(3);
		JsonNode a = list.get("content").get(0);
		assertThat(a.get("roomId").asLong()).isEqualTo(this.roomA);
		assertThat(a.get("roomCode").asString()).isEqualTo("1栋-1单元-101");
		assertThat(a.get("amount").asString()).isEqualTo("120.00");
		assertThat(a.get("oldestDueDate").asString())
			.isEqualTo(YearMonth.now(this.clock).minusMonths(1).atDay(15).toString());
		assertThat(a.get("days").asInt()).isGreaterThanOrEqualTo(5);
		assertThat(a.get("remindersSent").asInt()).isZero();
		JsonNode b = list.get("content").get(1);
		assertThat(b.get("payerNames").asString()).isEqualTo("李**");
		assertThat(list.toString()).doesNotContain("李四海").doesNotContain(this.phoneOfB);

		assertThat(this.api
			.get("/api/v1/communities/" + this.community + "/arrears?buildingId=" + this.building, this.finance)
			.json()
			.get("totalElements")
			.asInt()).isEqualTo(2);
		assertThat(this.api.get("/api/v1/communities/" + this.community + "/arrears?minDays=400", this.finance)
			.json()
			.get("totalElements")
			.asInt()).isZero();
		pay(this.roomB, "50.00");
		JsonNode byAmount = this.api
			.get("/api/v1/communities/" + this.community + "/arrears?sort=amount&dir=desc", this.finance)
			.json();
		assertThat(byAmount.get("content").get(2).get("roomId").asLong()).isEqualTo(this.roomB);
		assertThat(byAmount.get("content").get(2).get("amount").asString()).isEqualTo("70.00");
	}

	@Test
	void staffRemindChosenRoomsOnceADayAndPrintTheirNotices() throws Exception {
		Api.Response queued = this.api.post("/api/v1/communities/" + this.community + "/reminders", this.finance,
				Map.of("roomIds", List.of(this.roomA, this.roomC), "channels", List.of("IN_APP", "SMS")));
		assertThat(queued).hasStatus(202);
		assertThat(queued.json().get("queued").asInt()).isEqualTo(1);
		assertThat(queued.json().get("skipped").asInt()).isEqualTo(1);
		Api.Response again = this.api.post("/api/v1/communities/" + this.community + "/reminders", this.finance,
				Map.of("roomIds", List.of(this.roomA), "channels", List.of("IN_APP")));
		assertThat(again.json().get("queued").asInt()).isZero();
		assertThat(reminders(this.roomA)).isEqualTo(1);
		JsonNode history = this.api.get("/api/v1/rooms/" + this.roomA + "/reminders", this.finance).json();
		assertThat(history.get(0).get("kind").asString()).isEqualTo("MANUAL");
		assertThat(history.get(0).get("createdBy").asString()).isNotBlank();

		long elsewhere = createRoom(createBuilding(createCommunity(), "9栋"), "1单元", 1, "101");
		Api.Response foreign = this.api.post("/api/v1/communities/" + this.community + "/reminders", this.finance,
				Map.of("roomIds", List.of(this.roomB, elsewhere), "channels", List.of("SMS")));
		assertThat(foreign).hasStatus(400);
		assertThat(foreign.fieldMessage("roomIds")).contains(String.valueOf(elsewhere));
		assertThat(reminders(this.roomB)).isZero();
		assertThat(this.api
			.post("/api/v1/communities/" + this.community + "/reminders", this.finance,
					Map.of("roomIds", List.of(this.roomB), "channels", List.of()))
			.fieldMessage("channels")).isNotBlank();

		Api.Response pdf = this.api.post("/api/v1/communities/" + this.community + "/dunning-notices", this.finance,
				Map.of("roomIds", List.of(this.roomA, this.roomC, this.roomD)));
		assertThat(pdf).hasStatus(200);
		assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
		PdfReader reader = new PdfReader(pdf.bytes());
		assertThat(reader.getNumberOfPages()).isEqualTo(2);
		reader.close();
		Api.Response nothing = this.api.post("/api/v1/communities/" + this.community + "/dunning-notices", this.finance,
				Map.of("roomIds", List.of(this.roomC)));
		assertThat(nothing).hasStatus(400);
		assertThat(nothing.fieldMessage("roomIds")).isNotBlank();
	}

	@Test
	void staffNoteVisitsAndCallsBesideTheHistory() {
		Api.Response note = this.api.post("/api/v1/rooms/" + this.roomA + "/dunning-notes", this.finance,
				Map.of("kind", "CALL", "note", "电话联系业主，承诺月底前缴清", "promisedOn",
						LocalDate.now(this.clock).plusDays(10).toString(), "promisedAmount", "120.00"));
		assertThat(note).hasStatus(201);
		assertThat(note.json().get("promisedAmount").asString()).isEqualTo("120.00");
		Api.Response blank = this.api.post("/api/v1/rooms/" + this.roomA + "/dunning-notes", this.finance,
				Map.of("kind", "VISIT", "note", "  ", "promisedAmount", "-5"));
		assertThat(blank).hasStatus(400);
		assertThat(blank.fieldMessage("note")).isNotBlank();
		assertThat(blank.fieldMessage("promisedAmount")).isNotBlank();
		JsonNode notes = this.api.get("/api/v1/rooms/" + this.roomA + "/dunning-notes", this.finance).json();
		assertThat(notes).hasSize(1);
		assertThat(notes.get(0).get("kind").asString()).isEqualTo("CALL");
		assertThat(notes.get(0).get("createdBy").asString()).isEqualTo("测试员工");
	}

}
