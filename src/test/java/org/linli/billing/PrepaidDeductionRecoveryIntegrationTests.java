package org.linli.billing;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.linli.LinliApplication;
import org.linli.billing.runs.BillingRuns;
import org.linli.shared.Times;
import org.linli.support.BillingRunner;
import org.linli.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.Eventually.eventually;
import static org.linli.support.HttpAssert.assertThat;

/**
 * The prepaid deduction after a billing run listens for {@link BillsIssued}, whose
 * publication is recorded with the run's completion. When the deduction fails (here the
 * database refuses it, as a crash would leave it undone), the bills stand and the
 * publication stays incomplete; when the application starts again it delivers the event
 * again and the deduction is made — once.
 */
class PrepaidDeductionRecoveryIntegrationTests extends IntegrationTest {

	private static final YearMonth NOW = YearMonth.now(Times.zone());

	@Autowired
	BillingRuns runs;

	@Autowired
	EmbeddedPostgres postgres;

	private String trigger;

	@AfterEach
	void removeTheFault() {
		if (this.trigger != null) {
			this.jdbc.sql("DROP TRIGGER IF EXISTS " + this.trigger + " ON prepaid_entry").update();
			this.jdbc.sql("DROP FUNCTION IF EXISTS " + this.trigger + "()").update();
		}
	}

	@Test
	void aDeductionThatFailedIsMadeWhenTheApplicationStartsAgain() {
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		long room = createRoom(building, "1单元", 1, "101");
		long neighbour = createRoom(building, "1单元", 1, "102");
		String finance = staffToken(List.of("FINANCE"), List.of(community));
		long elevator = this.api.post("/api/v1/communities/" + community + "/fee-items", finance,
				Map.of("name", "电梯费", "method", "FIXED", "amount", "40.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", NOW.toString(), "autoDeduct", true))
			.id();
		for (long each : List.of(room, neighbour)) {
			assertThat(this.api.post("/api/v1/rooms/" + each + "/prepaid-account/deposits", finance,
					Map.of("amount", "100.00", "method", "CASH"), "Idempotency-Key", UUID.randomUUID().toString()))
				.hasStatus(201);
		}

		// the database refuses this room's deductions, as if the node died before making
		// them
		this.trigger = "test_refuse_deduction_" + room;
		this.jdbc.sql("""
				CREATE FUNCTION %1$s() RETURNS trigger AS $$
				BEGIN
				    IF NEW.kind = 'DEDUCTION' AND NEW.room_id = %2$d THEN RAISE EXCEPTION 'simulated crash'; END IF;
				    RETURN NEW;
				END $$ LANGUAGE plpgsql""".formatted(this.trigger, room)).update();
		this.jdbc
			.sql("CREATE TRIGGER %1$s BEFORE INSERT ON prepaid_entry FOR EACH ROW EXECUTE FUNCTION %1$s()"
				.formatted(this.trigger))
			.update();

		JsonNode run = new BillingRunner(this.api, this.runs).run(community, finance, NOW, List.of(elevator));
		long runId = run.get("id").asLong();
		eventually(() -> assertThat(failedAttempts(runId)).as("the deduction was tried and failed").isPositive());
		assertThat(incomplete(runId)).isEqualTo(1);
		assertThat(status(room, finance)).as("the bills stand").isEqualTo("UNPAID");
		assertThat(balance(room, finance)).isEqualTo("100.00");
		// the neighbour's deduction, in a transaction of its own, was not held back
		assertThat(status(neighbour, finance)).isEqualTo("PAID");
		assertThat(balance(neighbour, finance)).isEqualTo("60.00");

		removeTheFault();
		this.trigger = null;
		// another start of the application on the same database delivers the event again
		try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(LinliApplication.class)
			.properties("spring.datasource.url=" + this.postgres.getJdbcUrl("postgres", "postgres"),
					"spring.datasource.username=postgres", "spring.datasource.password=", "server.port=0",
					"linli.demo-data=false", "spring.modulith.events.republish-outstanding-events-on-restart=true")
			.run()) {
			eventually(() -> assertThat(incomplete(runId)).isZero());
		}
		assertThat(status(room, finance)).isEqualTo("PAID");
		assertThat(balance(room, finance)).isEqualTo("60.00");
		for (long each : List.of(room, neighbour)) {
			assertThat(this.jdbc.sql("SELECT count(*) FROM prepaid_entry WHERE room_id = ? AND kind = 'DEDUCTION'")
				.param(each)
				.query(Long.class)
				.single()).as("deducted once").isEqualTo(1);
		}
		assertThat(balance(neighbour, finance)).isEqualTo("60.00");
	}

	private long incomplete(long runId) {
		return this.jdbc.sql("""
				SELECT count(*) FROM event_publication
				WHERE event_type LIKE '%BillsIssued' AND completion_date IS NULL
				  AND serialized_event::jsonb ->> 'runId' = ?""")
			.param(String.valueOf(runId))
			.query(Long.class)
			.single();
	}

	private long failedAttempts(long runId) {
		return this.jdbc.sql("""
				SELECT count(*) FROM event_publication
				WHERE event_type LIKE '%BillsIssued' AND completion_date IS NULL AND status = 'FAILED'
				  AND serialized_event::jsonb ->> 'runId' = ?""")
			.param(String.valueOf(runId))
			.query(Long.class)
			.single();
	}

	private String status(long room, String token) {
		return this.api.get("/api/v1/rooms/" + room + "/bills", token).json().get(0).get("status").asString();
	}

	private String balance(long room, String token) {
		return this.api.get("/api/v1/rooms/" + room + "/prepaid-account", token).json().get("balance").asString();
	}

}
