package org.linli.community;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import org.linli.shared.Times;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Registration for activities through the API: the capacity is never exceeded when
 * households register in the same instant; freed places go to the waiting list in order,
 * once each, skipping a household that would not fit or would exceed its limit; the
 * promoted household is told; fees follow the places; deadlines, limits and bad input are
 * refused naming the field.
 */
class ActivityRegistrationIntegrationTests extends IntegrationTest {

	private long community;

	private long building;

	private String staff;

	@BeforeEach
	void aCommunityAndItsCustomerService() {
		this.community = createCommunity();
		this.building = createBuilding(this.community, "1栋");
		this.staff = staffToken(List.of("SERVICE"), List.of(this.community));
	}

	record Household(long room, long resident, String token) {
	}

	private Household household(String number) {
		long room = createRoom(this.building, "1单元", 1, number);
		String token = residentToken(this.community, room, "OWNER");
		long resident = this.jdbc.sql("SELECT resident_id FROM occupancy WHERE room_id = ? ORDER BY id DESC LIMIT 1")
			.param(room)
			.query(Long.class)
			.single();
		return new Household(room, resident, token);
	}

	private Map<String, Object> plan(String title, int capacity, int perHousehold) {
		Instant start = this.clock.instant().plus(Duration.ofDays(10));
		Map<String, Object> plan = new HashMap<>();
		plan.put("title", title);
		plan.put("place", "会所二楼");
		plan.put("startsAt", at(start));
		plan.put("endsAt", at(start.plus(Duration.ofHours(2))));
		plan.put("registrationDeadline", at(start.minus(Duration.ofDays(1))));
		plan.put("capacity", capacity);
		plan.put("perHousehold", perHousehold);
		plan.put("buildingIds", List.of());
		return plan;
	}

	private static String at(Instant instant) {
		return OffsetDateTime.ofInstant(instant, Times.zone()).toString();
	}

	private long activity(Map<String, Object> plan) {
		Api.Response created = this.api.post("/api/v1/communities/" + this.community + "/activities", this.staff, plan);
		assertThat(created).hasStatus(201);
		return created.id();
	}

	private Api.Response register(Household household, long activity, int people) {
		return this.api.post("/api/v1/activities/" + activity + "/registrations", household.token(),
				Map.of("roomId", household.room(), "people", people));
	}

	private int taken(long activity) {
		return this.jdbc.sql("SELECT taken FROM activity WHERE id = ?").param(activity).query(Integer.class).single();
	}

	@Test
	void householdsRegisteringAtOnceNeverTakeMoreThanTheCapacity() throws Exception {
		long activity = activity(plan("亲子手工", 5, 2));
		List<Household> households = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			households.add(household("1" + String.format("%02d", i)));
		}
		ExecutorService pool = Executors.newFixedThreadPool(12);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Api.Response>> answers = new ArrayList<>();
		for (int i = 0; i < households.size(); i++) {
			Household h = households.get(i);
			int people = 1 + (i % 2);
			Callable<Api.Response> call = () -> {
				start.await();
				return register(h, activity, people);
			};
			answers.add(pool.submit(call));
		}
		start.countDown();
		int registered = 0;
		int waiting = 0;
		for (Future<Api.Response> answer : answers) {
			Api.Response response = answer.get();
			assertThat(response).hasStatus(201);
			String status = response.json().get("status").asString();
			if (status.equals("REGISTERED")) {
				registered += response.json().get("people").asInt();
			}
			else {
				assertThat(status).isEqualTo("WAITLISTED");
				assertThat(response.json().get("position").asInt()).isPositive();
				waiting++;
			}
		}
		pool.shutdown();
		assertThat(registered).isLessThanOrEqualTo(5).isEqualTo(taken(activity));
		assertThat(registered).isGreaterThanOrEqualTo(4);
		assertThat(waiting).isGreaterThan(0);
		assertThat(this.jdbc
			.sql("SELECT coalesce(sum(people), 0) FROM activity_registration "
					+ "WHERE activity_id = ? AND status = 'REGISTERED'")
			.param(activity)
			.query(Integer.class)
			.single()).isEqualTo(registered);
		// the waiting list's positions are 1..n with no gaps or repeats
		List<Integer> positions = new ArrayList<>();
		for (JsonNode r : this.api.get("/api/v1/activities/" + activity + "/registrations", this.staff).json()) {
			if (r.get("status").asString().equals("WAITLISTED")) {
				positions.add(r.get("position").asInt());
			}
		}
		assertThat(positions).hasSize(waiting);
		for (int i = 0; i < positions.size(); i++) {
			assertThat(positions.get(i)).isEqualTo(i + 1);
		}
	}

	@Test
	void freedPlacesGoToTheWaitingListInOrderSkippingWhoDoesNotFitAndTellingWhoIsPromoted() {
		long activity = activity(plan("插花", 4, 3));
		Household a = household("201");
		Household b = household("202");
		Household c = household("203");
		Household d = household("204");
		assertThat(register(a, activity, 2).json().get("status").asString()).isEqualTo("REGISTERED");
		assertThat(register(b, activity, 2).json().get("status").asString()).isEqualTo("REGISTERED");
		// full: a household of three waits first, then a household of one, then a's third
		Api.Response cWaits = register(c, activity, 3);
		assertThat(cWaits.json().get("status").asString()).isEqualTo("WAITLISTED");
		assertThat(cWaits.json().get("position").asInt()).isEqualTo(1);
		assertThat(register(d, activity, 1).json().get("position").asInt()).isEqualTo(2);
		assertThat(register(a, activity, 1).json().get("position").asInt()).isEqualTo(3);
		// a household's places on and off the list never pass its limit
		Api.Response tooMany = register(d, activity, 3);
		assertThat(tooMany).hasStatus(400);
		assertThat(tooMany.fieldMessage("people")).contains("3");
		// the staff lower the limit per household to 2: a's waiting place would make
		// three
		Map<String, Object> lower = plan("插花", 4, 2);
		assertThat(this.api.put("/api/v1/activities/" + activity, this.staff, lower)).hasStatus(200);

		// b cancels its two places: c (three) does not fit, a would exceed its limit, d
		// is promoted
		long bRegistration = registrationOf(activity, b.room(), "REGISTERED");
		assertThat(this.api.delete("/api/v1/registrations/" + bRegistration, b.token())).hasStatus(200);
		assertThat(statusOf(activity, d.room())).isEqualTo("REGISTERED");
		assertThat(statusOf(activity, c.room())).isEqualTo("WAITLISTED");
		assertThat(taken(activity)).isEqualTo(3);
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM notification WHERE template = 'ACTIVITY_PROMOTED' "
					+ "AND recipient_kind = 'RESIDENT' AND recipient_id = ? AND channel = 'IN_APP'")
			.param(d.resident())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM notification WHERE template = 'ACTIVITY_PROMOTED' "
					+ "AND channel = 'IN_APP' AND subject = ?")
			.param("activity:" + activity)
			.query(Long.class)
			.single()).isEqualTo(1);
		// cancelling the same registration twice is refused and promotes nobody again
		assertThat(this.api.delete("/api/v1/registrations/" + bRegistration, b.token())).hasStatus(409);
		assertThat(taken(activity)).isEqualTo(3);

		// the capacity may not drop below the places held
		assertThat(
				this.api.put("/api/v1/activities/" + activity, this.staff, plan("插花", 2, 2)).fieldMessage("capacity"))
			.isNotEmpty();
		// more places: c's three now fit
		assertThat(this.api.put("/api/v1/activities/" + activity, this.staff, plan("插花", 6, 3))).hasStatus(200);
		assertThat(statusOf(activity, c.room())).isEqualTo("REGISTERED");
		assertThat(taken(activity)).isEqualTo(6);
	}

	@Test
	void aFeeIsBilledWithThePlacesAndCancelledWithThem() {
		Map<String, Object> paid = plan("瑜伽", 1, 1);
		paid.put("fee", "20.00");
		long activity = activity(paid);
		Household a = household("301");
		Household b = household("302");
		long first = register(a, activity, 1).id();
		assertThat(register(b, activity, 1).json().get("status").asString()).isEqualTo("WAITLISTED");
		assertThat(billed(a.room())).isEqualTo("20.00");
		assertThat(billed(b.room())).isNull();
		assertThat(this.api.delete("/api/v1/registrations/" + first, a.token())).hasStatus(200);
		assertThat(billed(a.room())).isNull();
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM bill b JOIN bill_adjustment j ON j.bill_id = b.id "
					+ "WHERE b.room_id = ? AND b.source_key LIKE 'activity:%' AND j.kind = 'CANCELLATION'")
			.param(a.room())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(billed(b.room())).isEqualTo("20.00");
	}

	@Test
	void aPaidFeeIsRefundedBeforeItsPlacesGoAndCallingOffLeavesItForTheCashier() {
		Map<String, Object> paidPlan = plan("书法课", 4, 2);
		paidPlan.put("fee", "30.00");
		long activity = activity(paidPlan);
		Household a = household("501");
		Household b = household("502");
		long first = register(a, activity, 2).id();
		long second = register(b, activity, 1).id();
		long bill = this.jdbc.sql("SELECT id FROM bill WHERE source_key = ?")
			.param("activity:" + activity + ":registration:" + first)
			.query(Long.class)
			.single();
		String finance = staffToken(List.of("FINANCE"), List.of(this.community));
		assertThat(this.api.post("/api/v1/payments", finance,
				Map.of("roomId", a.room(), "amount", "60.00", "method", "CASH", "billIds", List.of(bill)),
				"Idempotency-Key", java.util.UUID.randomUUID().toString()))
			.hasStatus(201);
		// paid: neither the household nor the staff cancel it before a refund; nothing
		// changes
		Api.Response refused = this.api.delete("/api/v1/registrations/" + first, a.token());
		assertThat(refused).hasStatus(409);
		assertThat(refused.fieldMessage("registration")).contains("退款");
		assertThat(this.api.delete("/api/v1/registrations/" + first, this.staff)).hasStatus(409);
		assertThat(taken(activity)).isEqualTo(3);
		// called off: the unpaid fee is cancelled, the paid one stays for the cashier to
		// refund
		assertThat(this.api.post("/api/v1/activities/" + activity + "/cancel", this.staff, Map.of("reason", "老师生病")))
			.hasStatus(200);
		assertThat(billed(b.room())).isNull();
		assertThat(billed(a.room())).isEqualTo("60.00");
		assertThat(taken(activity)).isZero();
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM activity_registration WHERE activity_id = ? AND status = 'CANCELLED'")
			.param(activity)
			.query(Long.class)
			.single()).isEqualTo(2);
		org.linli.support.WebSession page = org.linli.support.WebSession.signIn(this.api.base(),
				createStaff(List.of("SERVICE"), List.of(this.community)), "password-123");
		assertThat(page.get("/admin/activities/" + activity).body()).contains("fees-to-refund").contains("¥60.00");
		assertThat(second).isPositive();
	}

	@Test
	void whoMovesIntoARoomDoesNotInheritTheFormerHouseholdsRegistrations() {
		long activity = activity(plan("观影", 10, 2));
		Household before = household("601");
		long registration = register(before, activity, 2).id();
		assertThat(this.api.get("/api/v1/me/registrations/" + registration, before.token())).hasStatus(200);
		// the next day a new owner moves in; the former household's registration is not
		// theirs
		this.clock.setInstant(this.clock.instant().plus(Duration.ofDays(1)));
		String phone = "137" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		long newcomer = this.api.post("/api/v1/residents", admin(),
				Map.of("name", "新业主", "phone", phone, "communityId", this.community, "roomId", before.room(), "role",
						"OWNER", "since", java.time.LocalDate.now(this.clock).toString(), "confirmDuplicate", true))
			.id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(newcomer), "password", "resident-pass-1"));
		String token = this.api.token(phone, "resident-pass-1");
		assertThat(this.api.get("/api/v1/me/registrations/" + registration, token)).hasStatus(404);
		assertThat(this.api.delete("/api/v1/registrations/" + registration, token)).hasStatus(404);
		assertThat(this.api.get("/api/v1/me/activities/" + activity, token).json().get("mine").size()).isZero();
		assertThat(this.api.get("/api/v1/me/activities", token).json().get("registrations").size()).isZero();
		// the room's places per household still count what was registered for it
		Api.Response again = this.api.post("/api/v1/activities/" + activity + "/registrations", token,
				Map.of("roomId", before.room(), "people", 1));
		assertThat(again).hasStatus(400);
		assertThat(again.fieldMessage("people")).isNotEmpty();
	}

	private String billed(long room) {
		return this.jdbc.sql(
				"SELECT b.amount::text FROM bill b WHERE b.room_id = ? AND b.source_key LIKE 'activity:%' AND NOT EXISTS "
						+ "(SELECT 1 FROM bill_adjustment j WHERE j.bill_id = b.id AND j.kind = 'CANCELLATION')")
			.param(room)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	@Test
	void deadlinesLimitsAndBadInputAreRefusedNamingTheField() {
		Map<String, Object> bad = plan("", 0, 5);
		bad.put("endsAt", bad.get("startsAt"));
		Api.Response refused = this.api.post("/api/v1/communities/" + this.community + "/activities", this.staff, bad);
		assertThat(refused).hasStatus(400);
		assertThat(refused.fieldMessage("title")).isNotEmpty();
		assertThat(refused.fieldMessage("capacity")).isNotEmpty();
		assertThat(refused.fieldMessage("endsAt")).isNotEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM activity WHERE community_id = ?")
			.param(this.community)
			.query(Long.class)
			.single()).isZero();

		long activity = activity(plan("讲座", 10, 2));
		Household a = household("401");
		assertThat(register(a, activity, 0).fieldMessage("people")).isNotEmpty();
		Api.Response notMine = this.api.post("/api/v1/activities/" + activity + "/registrations", a.token(),
				Map.of("roomId", createRoom(this.building, "2单元", 1, "101"), "people", 1));
		assertThat(notMine).hasStatus(400);
		assertThat(notMine.fieldMessage("roomId")).isNotEmpty();
		long registration = register(a, activity, 1).id();
		// one household, one place left on another activity closing within the hour
		Map<String, Object> soon = plan("义诊", 10, 2);
		soon.put("registrationDeadline", at(this.clock.instant().plus(Duration.ofHours(1))));
		long closing = activity(soon);
		long mine = register(a, closing, 1).id();
		this.clock.setInstant(this.clock.instant().plus(Duration.ofHours(2)));
		Api.Response late = register(a, closing, 1);
		assertThat(late).hasStatus(409);
		assertThat(this.api.delete("/api/v1/registrations/" + mine, a.token())).hasStatus(409);
		// the other activity still takes cancellations
		assertThat(this.api.delete("/api/v1/registrations/" + registration, a.token())).hasStatus(200);
	}

	private long registrationOf(long activity, long room, String status) {
		return this.jdbc
			.sql("SELECT id FROM activity_registration WHERE activity_id = ? AND room_id = ? AND status = ? "
					+ "ORDER BY id LIMIT 1")
			.params(activity, room, status)
			.query(Long.class)
			.single();
	}

	private String statusOf(long activity, long room) {
		return this.jdbc
			.sql("SELECT string_agg(status, ',' ORDER BY id) FROM activity_registration "
					+ "WHERE activity_id = ? AND room_id = ? AND status <> 'CANCELLED'")
			.params(activity, room)
			.query(String.class)
			.single();
	}

}
