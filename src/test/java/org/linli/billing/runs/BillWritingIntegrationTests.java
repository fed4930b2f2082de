package org.linli.billing.runs;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.billing.fees.Charge;
import org.linli.shared.Money;
import org.linli.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path a batch takes when a parallel run wrote some of its lines after this run looked: the straight copy is
 * refused by the unique key, and the batch goes in again, skipping those lines, without failing the run.
 */
class BillWritingIntegrationTests extends IntegrationTest {

	@Autowired
	BillingRuns runs;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aBatchRacingAParallelRunSkipsTheLinesItWrote() {
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		long first = createRoom(building, "1单元", 1, "101");
		long second = createRoom(building, "1单元", 1, "102");
		String token = staffToken(List.of("FINANCE"), List.of(community));
		long item = this.api.post("/api/v1/communities/" + community + "/fee-items", token, Map.of("name", "物业费",
				"method", "FIXED", "amount", "100.00", "appliesTo", "ALL_ROOMS", "effectiveFrom", "2026-01")).id();
		YearMonth period = YearMonth.of(2026, 6);
		long runId = this.jdbc.sql("""
				INSERT INTO billing_run (community_id, period, fee_item_ids, status, created_at)
				VALUES (?, ?, ?, 'RUNNING', now()) RETURNING id""")
			.params(community, java.sql.Date.valueOf(period.atDay(1)), String.valueOf(item))
			.query(Long.class)
			.single();
		// the "parallel run": one of the two lines exists already
		this.jdbc.sql("""
				INSERT INTO bill (community_id, room_id, fee_item_id, period, months, quantity, amount, due_date, created_at)
				VALUES (?, ?, ?, ?, 1, 1, 100.00, ?, now())""")
			.params(community, first, item, java.sql.Date.valueOf(period.atDay(1)), java.sql.Date.valueOf(period.atDay(15)))
			.update();
		Charge charge = new Charge(BigDecimal.ONE, new BigDecimal("100.00"), List.of(), Money.of("100.00"));
		List<BillDraft> drafts = List.of(new BillDraft(first, null, item, 1, charge, period.atDay(15), List.of()),
				new BillDraft(second, null, item, 1, charge, period.atDay(15), List.of()));
		BillingRuns.RunView run = this.runs.find(runId);
		Integer written = this.transactions.execute((status) -> this.runs.write(run, drafts));
		assertThat(written).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM bill WHERE fee_item_id = ?").param(item).query(Long.class).single())
			.isEqualTo(2);
		assertThat(this.jdbc.sql("SELECT run_id FROM bill WHERE room_id = ?").param(second).query(Long.class).single())
			.isEqualTo(runId);
	}

}
