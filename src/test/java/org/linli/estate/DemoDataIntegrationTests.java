package org.linli.estate;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.shared.Times;
import org.linli.support.Api;
import org.linli.support.Eventually;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * A first start with demo data on shows a living community, and staff who can sign in to
 * it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "linli.demo-data=true", "linli.demo-password=test-demo-password" })
class DemoDataIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	void sunshineGardenIsSeeded() {
		Api api = new Api(this.port);
		String token = api.token("admin", "test-admin-password");
		Api.Response communities = api.get("/api/v1/communities", token);
		assertThat(communities.json().get("content").get(0).get("name").asString()).isEqualTo("阳光花园");
		long sunshine = communities.json().get("content").get(0).get("id").asLong();
		assertThat(api.get("/api/v1/communities/" + sunshine + "/buildings", token).json().size())
			.isGreaterThanOrEqualTo(2);
		Api.Response rooms = api.get("/api/v1/communities/" + sunshine + "/rooms?size=1", token);
		assertThat(rooms.json().get("totalElements").asLong()).isGreaterThanOrEqualTo(100);
		List<String> statuses = this.jdbc.sql("SELECT DISTINCT status FROM room WHERE community_id = ?")
			.param(sunshine)
			.query(String.class)
			.list();
		assertThat(statuses).contains("OCCUPIED", "RENTED", "VACANT");
		assertThat(this.jdbc.sql("SELECT count(DISTINCT building_area) FROM room WHERE community_id = ?")
			.param(sunshine)
			.query(Long.class)
			.single()).isGreaterThan(3);

		long bills = this.jdbc.sql("SELECT count(*) FROM bill WHERE community_id = ?")
			.param(sunshine)
			.query(Long.class)
			.single();
		assertThat(bills).isGreaterThan(300);
		// most rooms paid at the counter, some in part, some with a prepaid balance; the
		// rest owe
		long paid = this.jdbc.sql("SELECT count(*) FROM payment WHERE community_id = ? AND receipt_number IS NOT NULL")
			.param(sunshine)
			.query(Long.class)
			.single();
		long billedRooms = this.jdbc.sql("SELECT count(DISTINCT room_id) FROM bill WHERE community_id = ?")
			.param(sunshine)
			.query(Long.class)
			.single();
		assertThat(paid).isBetween(billedRooms / 2, billedRooms - 1);
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM prepaid_entry WHERE kind = 'DEPOSIT'").query(Long.class).single())
			.isPositive();
		// devices with maintenance done and due, one elevator overdue, inspection rounds
		// ahead
		assertThat(this.jdbc.sql("SELECT count(*) FROM equipment WHERE community_id = ?")
			.param(sunshine)
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(5);
		assertThat(this.jdbc.sql("SELECT count(*) FROM maintenance_task WHERE completed_at IS NOT NULL")
			.query(Long.class)
			.single()).isPositive();
		assertThat(this.jdbc.sql("SELECT count(*) FROM maintenance_task WHERE completed_at IS NULL AND due_date < ?")
			.param(Times.today(this.clock))
			.query(Long.class)
			.single()).isPositive();
		assertThat(this.jdbc.sql("SELECT count(*) FROM inspection_round").query(Long.class).single()).isPositive();
		assertThat(this.jdbc.sql("SELECT count(*) FROM resident").query(Long.class).single()).isGreaterThan(100);
		assertThat(this.jdbc.sql("SELECT status FROM billing_run WHERE community_id = ?")
			.param(sunshine)
			.query(String.class)
			.list()).containsExactly("COMPLETED", "COMPLETED");
		// last month's lines are overdue whatever the day: the policy reminded the rooms
		// that owe, and a few text messages failed
		long owing = this.jdbc.sql("""
				SELECT count(DISTINCT b.room_id) FROM bill b
				WHERE b.community_id = ? AND b.due_date < ?
				AND b.amount > coalesce((SELECT sum(p.amount) FROM payment_allocation p WHERE p.bill_id = b.id), 0)""")
			.params(sunshine, Times.today(this.clock).minusDays(7))
			.query(Long.class)
			.single();
		assertThat(owing).isPositive();
		assertThat(this.jdbc.sql("SELECT count(DISTINCT room_id) FROM dunning_reminder WHERE community_id = ?")
			.param(sunshine)
			.query(Long.class)
			.single()).isPositive().isLessThanOrEqualTo(owing);
		assertThat(
				api.get("/api/v1/communities/" + sunshine + "/dunning-policy", token).json().get("enabled").asBoolean())
			.isTrue();
		assertThat(this.jdbc.sql("SELECT count(*) FROM notification WHERE channel = 'SMS' AND status = 'FAILED'")
			.query(Long.class)
			.single()).isEqualTo(3);
		Api.Response arrears = api
			.get("/api/v1/communities/" + sunshine + "/arrears?size=5&sort=remindersSent&dir=desc", token);
		assertThat(arrears.json().get("totalElements").asLong()).isPositive();
		assertThat(arrears.json().get("content").get(0).get("remindersSent").asInt()).isPositive();

		// demo staff do not share the admin's password, and may change their own
		assertThat(api.post("/api/v1/auth/token", null,
				Map.of("username", "wang.jianguo", "password", "test-admin-password")))
			.hasStatus(401);
		String manager = api.token("wang.jianguo", "test-demo-password");
		Api.Response visible = api.get("/api/v1/communities", manager);
		assertThat(visible.json().get("totalElements").asLong()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM staff_account").query(Long.class).single())
			.isGreaterThanOrEqualTo(5);

		// repairs in every state: a few overdue, some rated, one charged and paid, the QR
		// report of the equipment's demo among them
		Eventually
			.eventually(() -> assertThat(this.jdbc.sql("SELECT DISTINCT status FROM work_order WHERE community_id = ?")
				.param(sunshine)
				.query(String.class)
				.list()).containsExactlyInAnyOrder("SUBMITTED", "ASSIGNED", "ON_HOLD", "RETURNED", "COMPLETED",
						"CLOSED", "CANCELLED"));
		Eventually.eventually(() -> assertThat(
				this.jdbc.sql("SELECT count(*) FROM work_order WHERE source = 'QR' AND community_id = ?")
					.param(sunshine)
					.query(Long.class)
					.single())
			.isEqualTo(1));
		Api.Response overview = api.get("/api/v1/communities/" + sunshine + "/work-order-overview", manager);
		assertThat(overview.json().get("overdue").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(overview.json().get("callbacksDue").asLong()).isEqualTo(1);
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM work_order w JOIN payment_allocation a ON a.bill_id = w.charge_bill_id "
					+ "WHERE w.community_id = ? AND w.rating = 5")
			.param(sunshine)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM work_order WHERE charge_bill_id IS NOT NULL AND community_id = ?")
					.param(sunshine)
					.query(Long.class)
					.single())
			.isEqualTo(2);

		// community life: a pinned, an expired, a scheduled and an urgent notice; a craft
		// afternoon nearly full with a household waiting; a past activity's attendance
		assertThat(this.jdbc.sql("SELECT count(*) FILTER (WHERE pinned), count(*) FILTER (WHERE expires_at < :now), "
				+ "count(*) FILTER (WHERE publish_at > :now), count(*) FILTER (WHERE urgent AND cardinality(building_ids) = 1) "
				+ "FROM announcement WHERE community_id = :c")
			.param("c", sunshine)
			.param("now", java.sql.Timestamp.from(this.clock.instant()))
			.query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single()).containsExactly(1L, 1L, 1L, 1L);
		assertThat(this.jdbc
			.sql("SELECT a.capacity - a.taken FROM activity a WHERE a.community_id = :c AND a.ends_at > :now "
					+ "AND EXISTS (SELECT 1 FROM activity_registration r WHERE r.activity_id = a.id AND r.status = 'WAITLISTED')")
			.param("c", sunshine)
			.param("now", java.sql.Timestamp.from(this.clock.instant()))
			.query(Integer.class)
			.list()).containsExactly(1);
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM activity_registration r JOIN activity a ON a.id = r.activity_id "
					+ "WHERE a.community_id = :c AND a.ends_at < :now AND r.checked_in_at IS NOT NULL")
			.param("c", sunshine)
			.param("now", java.sql.Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single()).isPositive();

		// finance sees at once a flagged reading left out of this month's run, and a
		// voided line
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM meter_reading WHERE community_id = ? AND correction_reason IS NOT NULL")
			.param(sunshine)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM meter_reading WHERE community_id = ? AND flagged")
			.param(sunshine)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM bill_adjustment a JOIN bill b ON b.id = a.bill_id
				WHERE b.community_id = ? AND a.kind = 'CANCELLATION'""").param(sunshine).query(Long.class).single())
			.isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT missing FROM billing_run WHERE community_id = ? ORDER BY period DESC LIMIT 1")
			.param(sunshine)
			.query(String.class)
			.single()).contains("\"flagged\":true");
	}

}
