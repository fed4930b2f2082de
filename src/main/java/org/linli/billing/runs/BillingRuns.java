package org.linli.billing.runs;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.linli.billing.fees.Cycle;
import org.linli.billing.fees.FeeItemView;
import org.linli.billing.fees.FeeItems;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Billing runs: finance asks for a community, a period and fee items; the run works in the background in
 * batches, reports its progress, and can be run again or resumed after a crash or restart — every bill goes in
 * with ON CONFLICT DO NOTHING against its unique key, so no room is billed twice for an item and period, even by
 * runs at the same time on several nodes. Rooms without the period's meter reading are listed.
 */
@Service
public class BillingRuns {

	private static final Logger log = LoggerFactory.getLogger(BillingRuns.class);

	static final int BATCH = 10_000;

	static final int WRITERS = 2;

	static final Duration STALE = Duration.ofMinutes(2);

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final FeeItems feeItems;

	private final BillingCalculator calculator;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final JsonMapper json;

	private final TaskExecutor executor;

	private final TransactionTemplate transactions;

	private final Clock clock;

	BillingRuns(JdbcClient jdbc, JdbcTemplate template, FeeItems feeItems, BillingCalculator calculator,
			CurrentStaff current, AuditLog audit, JsonMapper json,
			@Qualifier("applicationTaskExecutor") TaskExecutor executor, TransactionTemplate transactions,
			Clock clock) {
		this.jdbc = jdbc;
		this.template = template;
		this.feeItems = feeItems;
		this.calculator = calculator;
		this.current = current;
		this.audit = audit;
		this.json = json;
		this.executor = executor;
		this.transactions = transactions;
		this.clock = clock;
	}

	public record RunView(long id, long communityId, YearMonth period, List<Long> feeItemIds, String status, int total,
			int processed, int billed, int errors, List<Map<String, Object>> missing, Instant createdAt,
			Instant finishedAt) {

		public int percent() {
			return (this.total == 0) ? ("COMPLETED".equals(this.status) ? 100 : 0) : (int) (100L * this.processed / this.total);
		}

	}

	public record Preview(YearMonth period, List<ItemTotal> items, int lines, Money total, List<Map<String, Object>> missing) {
	}

	public record ItemTotal(long feeItemId, String name, int lines, Money total) {
	}

	@Transactional(readOnly = true)
	@PreAuthorize(FeeItems.FINANCE)
	public Preview preview(long communityId, YearMonth period, List<Long> feeItemIds) {
		List<FeeItemView> items = check(communityId, period, feeItemIds);
		BillingCalculator.Plan plan = this.calculator.plan(communityId, period, items, today());
		List<ItemTotal> totals = new ArrayList<>();
		for (FeeItemView item : items) {
			List<BillDraft> lines = plan.drafts().stream().filter((d) -> d.feeItemId() == item.id()).toList();
			totals.add(new ItemTotal(item.id(), item.name(), lines.size(),
					lines.stream().map((d) -> d.charge().amount()).reduce(Money.ZERO, Money::plus)));
		}
		return new Preview(period, totals, plan.drafts().size(),
				totals.stream().map(ItemTotal::total).reduce(Money.ZERO, Money::plus), missing(plan.missing()));
	}

	@Transactional
	@PreAuthorize(FeeItems.FINANCE)
	public RunView start(long communityId, YearMonth period, List<Long> feeItemIds) {
		List<FeeItemView> items = check(communityId, period, feeItemIds);
		long id = this.jdbc.sql("""
				INSERT INTO billing_run (community_id, period, fee_item_ids, status, created_by, created_at)
				VALUES (?, ?, ?, 'QUEUED', ?, ?) RETURNING id""")
			.params(communityId, Date.valueOf(period.atDay(1)),
					items.stream().map((i) -> String.valueOf(i.id())).collect(Collectors.joining(",")),
					this.current.user().map((u) -> u.getAccountId()).orElse(null), Timestamp.from(Instant.now(this.clock)))
			.query(Long.class)
			.single();
		this.audit.record("BILLING_RUN_STARTED", "billingRun", id, communityId,
				AuditLog.Changes.of().set("period", period.toString()).set("feeItemIds", feeItemIds));
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				BillingRuns.this.executor.execute(BillingRuns.this::pickUp);
			}
		});
		return find(id);
	}

	@Transactional(readOnly = true)
	@PreAuthorize(FeeItems.FINANCE)
	public RunView get(long id) {
		RunView run = find(id);
		this.current.requireCommunity(run.communityId(), "billingRun", id);
		return run;
	}

	@Transactional(readOnly = true)
	@PreAuthorize(FeeItems.FINANCE)
	public List<RunView> recent(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		return this.jdbc.sql(SELECT + " WHERE community_id = ? ORDER BY id DESC LIMIT 20")
			.param(communityId)
			.query(this::row)
			.list();
	}

	/**
	 * Takes the next queued run, or a running one whose worker stopped sending heartbeats (a crash or restart),
	 * and works it to the end. Several nodes may call this at once: each run is claimed by one.
	 */
	@Scheduled(fixedDelayString = "${linli.billing.poll:PT5S}", initialDelayString = "${linli.billing.poll-initial-delay:PT10S}")
	public void pickUp() {
		Optional<Long> claimed;
		while ((claimed = claim()).isPresent()) {
			execute(claimed.get());
		}
	}

	private Optional<Long> claim() {
		Timestamp now = Timestamp.from(Instant.now(this.clock));
		return this.transactions.execute((status) -> this.jdbc.sql("""
				UPDATE billing_run SET status = 'RUNNING', started_at = coalesce(started_at, ?), heartbeat_at = ?
				WHERE id = (SELECT id FROM billing_run
				            WHERE status = 'QUEUED' OR (status = 'RUNNING' AND heartbeat_at < ?)
				            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
				RETURNING id""")
			.params(now, now, Timestamp.from(now.toInstant().minus(STALE)))
			.query(Long.class)
			.optional());
	}

	void execute(long runId) {
		RunView run = find(runId);
		try {
			List<FeeItemView> items = this.feeItems.forRun(run.communityId(), run.feeItemIds());
			java.util.Set<String> existing = existingLines(run);
			this.jdbc.sql("UPDATE billing_run SET total = 0, processed = 0, billed = 0, heartbeat_at = ? WHERE id = ?")
				.params(Timestamp.from(Instant.now(this.clock)), runId)
				.update();
			// Each fee item's lines go to the writers as soon as they are worked out; batches go in on two
			// connections at once, so the database does the work while the JVM prepares the next item.
			java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(WRITERS);
			int billed = 0;
			BillingCalculator.Plan plan;
			try {
				List<java.util.concurrent.Future<Integer>> batches = new ArrayList<>();
				plan = this.calculator.plan(run.communityId(), run.period(), items, today(), (lines) -> {
					this.jdbc.sql("UPDATE billing_run SET total = total + ? WHERE id = ?").params(lines.size(), runId).update();
					for (int from = 0; from < lines.size(); from += BATCH) {
						List<BillDraft> chunk = lines.subList(from, Math.min(from + BATCH, lines.size()));
						batches.add(writers.submit(() -> this.transactions.execute((status) -> {
							List<BillDraft> fresh = chunk.stream().filter((d) -> !existing.contains(key(d))).toList();
							int written = fresh.isEmpty() ? 0 : write(run, fresh);
							this.jdbc.sql("UPDATE billing_run SET processed = processed + ?, billed = billed + ?, heartbeat_at = ? WHERE id = ?")
								.params(chunk.size(), written, Timestamp.from(Instant.now(this.clock)), runId)
								.update();
							return written;
						})));
					}
				});
				this.jdbc.sql("UPDATE billing_run SET missing = ? WHERE id = ?")
					.params(this.json.writeValueAsString(missing(plan.missing())), runId)
					.update();
				for (java.util.concurrent.Future<Integer> batch : batches) {
					billed += batch.get();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Billing run interrupted", ex);
			}
			catch (java.util.concurrent.ExecutionException ex) {
				throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex.getCause());
			}
			finally {
				writers.shutdownNow();
			}
			List<BillDraft> drafts = plan.drafts();
			this.jdbc.sql("UPDATE billing_run SET status = 'COMPLETED', finished_at = ?, heartbeat_at = ? WHERE id = ?")
				.params(Timestamp.from(Instant.now(this.clock)), Timestamp.from(Instant.now(this.clock)), runId)
				.update();
			log.info("Billing run {} completed: {} lines, {} new bills, {} rooms without readings", runId, drafts.size(),
					billed, plan.missing().size());
		}
		catch (RuntimeException ex) {
			log.error("Billing run {} failed", runId, ex);
			this.jdbc.sql("UPDATE billing_run SET status = 'FAILED', failure = ?, finished_at = ? WHERE id = ?")
				.params(ex.getClass().getSimpleName(), Timestamp.from(Instant.now(this.clock)), runId)
				.update();
		}
	}

	/**
	 * One batch of bills, set-based: COPY into a session-local staging table, then one INSERT ... SELECT into the
	 * bills. Lines that exist already (an earlier or a parallel run) are skipped by the database's unique key, and
	 * the row count says how many were new. Runs inside the caller's transaction.
	 */
	int write(RunView run, List<BillDraft> chunk) {
		StringBuilder csv = new StringBuilder(chunk.size() * 96);
		String period = run.period().atDay(1).toString();
		for (BillDraft d : chunk) {
			csv.append(run.communityId()).append(',')
				.append((d.roomId() != null) ? d.roomId().toString() : "").append(',')
				.append((d.parkingSpaceId() != null) ? d.parkingSpaceId().toString() : "").append(',')
				.append(d.feeItemId()).append(',')
				.append(period).append(',')
				.append(d.months()).append(',')
				.append(d.charge().quantity().toPlainString()).append(',')
				.append((d.charge().unitPrice() != null) ? d.charge().unitPrice().toPlainString() : "").append(',')
				.append(d.charge().amount().amount().toPlainString()).append(',')
				.append(d.charge().tiers().isEmpty() ? "" : quoted(tiersJson(d.charge().tiers()))).append(',')
				.append(d.dueDate()).append(',')
				.append(d.payerIds().isEmpty() ? "" : quoted(d.payerIds().stream().map(String::valueOf).collect(Collectors.joining(","))))
				.append('\n');
		}
		String lines = csv.toString();
		Integer written = this.template.execute((java.sql.Connection connection) -> {
			org.postgresql.copy.CopyManager copy = connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
			// Lines known to exist were left out, so the batch is copied straight into the bills. Should a parallel
			// run have written some meanwhile, the unique key refuses the copy, and the batch goes in again through a
			// staging table, skipping them.
			try (java.sql.Statement savepoint = connection.createStatement()) {
				savepoint.execute("SAVEPOINT bills");
			}
			try {
				return (int) copy.copyIn("COPY bill (community_id, room_id, parking_space_id, fee_item_id, period, months,"
						+ " quantity, unit_price, amount, tiers, due_date, payer_ids, run_id, created_at)"
						+ " FROM STDIN (FORMAT csv)", new java.io.StringReader(withProvenance(lines, run)));
			}
			catch (java.sql.SQLException ex) {
				if (!"23505".equals(ex.getSQLState())) {
					throw ex;
				}
				try (java.sql.Statement rollback = connection.createStatement()) {
					rollback.execute("ROLLBACK TO SAVEPOINT bills");
				}
			}
			catch (java.io.IOException ex) {
				throw new java.sql.SQLException("Could not write bills", ex);
			}
			try (java.sql.Statement statement = connection.createStatement()) {
				statement.execute("""
						CREATE TEMP TABLE IF NOT EXISTS bill_stage (
						    community_id BIGINT, room_id BIGINT, parking_space_id BIGINT, fee_item_id BIGINT, period DATE,
						    months INT, quantity NUMERIC, unit_price NUMERIC, amount NUMERIC, tiers TEXT, due_date DATE,
						    payer_ids TEXT) ON COMMIT DELETE ROWS""");
			}
			try {
				copy.copyIn("COPY bill_stage FROM STDIN (FORMAT csv)", new java.io.StringReader(lines));
			}
			catch (java.io.IOException ex) {
				throw new java.sql.SQLException("Could not stage bills", ex);
			}
			return insertStaged(connection, run);
		});
		return (written != null) ? written : 0;
	}

	/** Adds the run and the time to every CSV line, for the straight copy into the bills. */
	private String withProvenance(String lines, RunView run) {
		String suffix = "," + run.id() + "," + java.time.OffsetDateTime.now(this.clock) + "\n";
		return lines.replace("\n", suffix);
	}

	/** The staged batch into the bills, skipping lines that exist. */
	private int insertStaged(java.sql.Connection connection, RunView run) throws java.sql.SQLException {
		try (java.sql.PreparedStatement insert = connection.prepareStatement("""
				INSERT INTO bill (community_id, room_id, parking_space_id, fee_item_id, period, months, quantity,
				                  unit_price, amount, tiers, due_date, payer_ids, run_id, created_at)
				SELECT community_id, room_id, parking_space_id, fee_item_id, period, months, quantity, unit_price, amount,
				       tiers, due_date, payer_ids, ?, ?
				FROM bill_stage
				ON CONFLICT ON CONSTRAINT bill_once DO NOTHING""")) {
			insert.setLong(1, run.id());
			insert.setTimestamp(2, Timestamp.from(Instant.now(this.clock)));
			return insert.executeUpdate();
		}
	}

	/** The lines of the run's period and items that exist already, as keys. */
	private java.util.Set<String> existingLines(RunView run) {
		java.util.Set<String> keys = new java.util.HashSet<>();
		this.jdbc.sql("SELECT room_id, parking_space_id, fee_item_id FROM bill WHERE community_id = :c AND period = :p"
				+ " AND fee_item_id IN (:items)")
			.param("c", run.communityId())
			.param("p", Date.valueOf(run.period().atDay(1)))
			.param("items", run.feeItemIds())
			.query((rs, n) -> keys.add(rs.getObject(1) + "|" + rs.getObject(2) + "|" + rs.getLong(3)))
			.list();
		return keys;
	}

	private static String key(BillDraft draft) {
		return draft.roomId() + "|" + draft.parkingSpaceId() + "|" + draft.feeItemId();
	}

	/**
	 * The bands of a tiered line as JSON, written by hand: this runs once per metered line of a run, and the shape
	 * is fixed (what {@code Bills} reads back as {@code TierCharge}).
	 */
	static String tiersJson(List<org.linli.billing.fees.TierCharge> tiers) {
		StringBuilder json = new StringBuilder(tiers.size() * 64).append('[');
		for (int i = 0; i < tiers.size(); i++) {
			org.linli.billing.fees.TierCharge t = tiers.get(i);
			json.append((i > 0) ? "," : "")
				.append("{\"quantity\":\"").append(t.quantity().toPlainString())
				.append("\",\"unitPrice\":\"").append(t.unitPrice().toPlainString())
				.append("\",\"amount\":\"").append(t.amount().toPlainString()).append("\"}");
		}
		return json.append(']').toString();
	}

	private static String quoted(String value) {
		return '"' + value.replace("\"", "\"\"") + '"';
	}

	/** The period and items of a run request, checked: the period at most next month, items of the community in force. */
	private List<FeeItemView> check(long communityId, YearMonth period, List<Long> feeItemIds) {
		this.current.requireCommunity(communityId, "community", communityId);
		Checks checks = new Checks().required("period", period);
		if (feeItemIds == null || feeItemIds.isEmpty()) {
			checks.add("feeItemIds", "billing.run.itemsRequired");
		}
		if (period != null && period.isAfter(YearMonth.now(this.clock.withZone(ZONE)).plusMonths(1))) {
			checks.add("period", "billing.meter.periodTooLate");
		}
		checks.throwIfAny();
		List<FeeItemView> items = this.feeItems.forRun(communityId, feeItemIds.stream().distinct().toList());
		for (Long id : feeItemIds) {
			FeeItemView item = items.stream().filter((i) -> i.id().equals(id)).findFirst().orElse(null);
			if (item == null) {
				checks.add("feeItemIds", "billing.run.unknownItem", String.valueOf(id));
			}
			else if (!item.inForce(period)) {
				checks.add("feeItemIds", "billing.run.notInForce", item.name(), period.toString());
			}
			else if (!"ONE_TIME".equals(item.method())
					&& (period.getMonthValue() - item.effectiveFrom().getMonthValue() + 12) % Cycle.valueOf(item.cycle()).months() != 0) {
				checks.add("feeItemIds", "billing.run.notCycleStart", item.name(), period.toString());
			}
		}
		checks.throwIfAny();
		return items;
	}

	private List<Map<String, Object>> missing(List<BillingCalculator.Missing> missing) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (BillingCalculator.Missing m : missing) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("roomId", m.roomId());
			entry.put("room", m.room());
			entry.put("meterType", m.meterType());
			list.add(entry);
		}
		return list;
	}

	private static final String SELECT = """
			SELECT id, community_id, period, fee_item_ids, status, total, processed, billed, errors, missing, created_at,
			       finished_at
			FROM billing_run""";

	RunView find(long id) {
		return this.jdbc.sql(SELECT + " WHERE id = ?")
			.param(id)
			.query(this::row)
			.optional()
			.orElseThrow(() -> new NotFoundException("billingRun", id));
	}

	@SuppressWarnings("unchecked")
	private RunView row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		String missing = rs.getString("missing");
		Timestamp finished = rs.getTimestamp("finished_at");
		List<Long> items = new ArrayList<>();
		for (String part : rs.getString("fee_item_ids").split(",")) {
			items.add(Long.valueOf(part));
		}
		return new RunView(rs.getLong("id"), rs.getLong("community_id"), YearMonth.from(rs.getDate("period").toLocalDate()),
				items, rs.getString("status"), rs.getInt("total"), rs.getInt("processed"), rs.getInt("billed"),
				rs.getInt("errors"), (missing != null) ? this.json.readValue(missing, List.class) : List.of(),
				rs.getTimestamp("created_at").toInstant(), (finished != null) ? finished.toInstant() : null);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock.withZone(ZONE));
	}

}
