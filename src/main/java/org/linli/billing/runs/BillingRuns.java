package org.linli.billing.runs;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.linli.billing.BillsIssued;
import org.linli.billing.fees.FeeItemView;
import org.linli.billing.fees.FeeItems;
import org.linli.billing.fees.FeeMethod;
import org.linli.billing.fees.MeterType;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.residents.Residents;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Billing runs: finance asks for a community, a period and fee items; the run works in
 * the background in batches, reports its progress, and can be run again or resumed after
 * a crash or restart — every bill goes in with ON CONFLICT DO NOTHING against its unique
 * key, so no room is billed twice for an item and period, even by runs at the same time
 * on several nodes. Rooms without the period's meter reading are listed. The preview
 * works the lines out in Java ({@link BillingCalculator}); the run writes them set-based
 * ({@link BillWriter}).
 */
@Service
public class BillingRuns {

	private static final Logger log = LoggerFactory.getLogger(BillingRuns.class);

	static final int BATCH = 10_000;

	static final int WRITERS = 2;

	static final Duration STALE = Duration.ofMinutes(2);

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final FeeItems feeItems;

	private final BillingCalculator calculator;

	private final BillWriter writer;

	private final ApplicationEventPublisher events;

	private final Estate estate;

	private final Residents residents;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final JsonMapper json;

	private final TaskExecutor executor;

	private final TransactionTemplate transactions;

	private final Clock clock;

	BillingRuns(JdbcClient jdbc, JdbcTemplate template, FeeItems feeItems, BillingCalculator calculator,
			BillWriter writer, ApplicationEventPublisher events, Estate estate, Residents residents,
			CurrentStaff current, AuditLog audit, JsonMapper json,
			@Qualifier("applicationTaskExecutor") TaskExecutor executor, TransactionTemplate transactions,
			Clock clock) {
		this.jdbc = jdbc;
		this.template = template;
		this.feeItems = feeItems;
		this.calculator = calculator;
		this.writer = writer;
		this.events = events;
		this.estate = estate;
		this.residents = residents;
		this.current = current;
		this.audit = audit;
		this.json = json;
		this.executor = executor;
		this.transactions = transactions;
		this.clock = clock;
	}

	public record RunView(long id, long communityId, YearMonth period, List<Long> feeItemIds, RunStatus status,
			int total, int processed, int billed, int skipped, int errors, List<Map<String, Object>> missing,
			Instant createdAt, Instant finishedAt) {

		public int percent() {
			return (this.total == 0) ? ((this.status == RunStatus.COMPLETED) ? 100 : 0)
					: (int) (100L * this.processed / this.total);
		}

	}

	/**
	 * What a run would bill, the rooms without readings, and the flagged readings it
	 * would bill (usage far above the room's average): a run with flagged readings must
	 * be told to bill them or leave those rooms out.
	 */
	public record Preview(YearMonth period, List<ItemTotal> items, int lines, Money total,
			List<Map<String, Object>> missing, List<Flagged> flagged) {
	}

	/** A flagged reading the run would bill, and the line it would make. */
	public record Flagged(long roomId, String room, MeterType meterType, BigDecimal previous, BigDecimal reading,
			BigDecimal usage, Money amount) {
	}

	/** What a run does with flagged readings. */
	public enum FlaggedChoice {

		/** Bill them: staff checked them. */
		BILL,
		/**
		 * Leave those rooms out of the meter's item, listed with the rooms without
		 * readings.
		 */
		LEAVE_OUT

	}

	public record ItemTotal(long feeItemId, String name, int lines, Money total) {
	}

	@Transactional(readOnly = true)
	@PreAuthorize(Access.FINANCE)
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
				totals.stream().map(ItemTotal::total).reduce(Money.ZERO, Money::plus), missing(plan.missing()),
				flagged(communityId, period, items, plan.drafts()));
	}

	/** The flagged readings of the period on the meters of the metered items chosen. */
	private List<Flagged> flagged(long communityId, YearMonth period, List<FeeItemView> items, List<BillDraft> drafts) {
		Map<MeterType, Long> itemOfMeter = new LinkedHashMap<>();
		for (FeeItemView item : items) {
			if (item.method() == FeeMethod.METERED) {
				itemOfMeter.putIfAbsent(item.meterType(), item.id());
			}
		}
		if (itemOfMeter.isEmpty()) {
			return List.of();
		}
		Map<String, Money> amounts = new HashMap<>();
		for (BillDraft draft : drafts) {
			if (draft.roomId() != null) {
				amounts.merge(draft.roomId() + ":" + draft.feeItemId(), draft.charge().amount(), Money::plus);
			}
		}
		List<Flagged> flagged = new ArrayList<>();
		this.jdbc
			.sql("""
					SELECT room_id, meter_type, previous, reading, usage FROM meter_reading
					WHERE community_id = :community AND period = :period AND flagged AND verified_at IS NULL AND usage IS NOT NULL
					  AND meter_type IN (:types) ORDER BY usage DESC, room_id""")
			.param("community", communityId)
			.param("period", Date.valueOf(period.atDay(1)))
			.param("types", itemOfMeter.keySet().stream().map(Enum::name).toList())
			.query((rs, n) -> {
				MeterType type = MeterType.valueOf(rs.getString(2));
				long room = rs.getLong(1);
				Money amount = amounts.get(room + ":" + itemOfMeter.get(type));
				return (amount == null) ? null : new Flagged(room, null, type, rs.getBigDecimal(3), rs.getBigDecimal(4),
						rs.getBigDecimal(5), amount);
			})
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.forEach(flagged::add);
		Map<Long, RoomRef> rooms = this.estate.rooms(flagged.stream().map(Flagged::roomId).toList());
		return flagged.stream()
			.map((f) -> new Flagged(f.roomId(), rooms.get(f.roomId()).code(), f.meterType(), f.previous(), f.reading(),
					f.usage(), f.amount()))
			.toList();
	}

	/**
	 * Starts a run; refused (409) while readings of its meters are flagged and the caller
	 * has not said whether to bill them or leave those rooms out.
	 */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public RunView start(long communityId, YearMonth period, List<Long> feeItemIds, FlaggedChoice flagged) {
		List<FeeItemView> items = check(communityId, period, feeItemIds);
		if (flagged == null) {
			// the same list the preview shows: flagged readings this run would bill
			List<Flagged> unchecked = flagged(communityId, period, items,
					this.calculator.plan(communityId, period, items, today()).drafts());
			if (!unchecked.isEmpty()) {
				throw InvalidInputException.conflict("flagged", "billing.run.flaggedConfirm", unchecked.size());
			}
		}
		long id = this.jdbc
			.sql("""
					INSERT INTO billing_run (community_id, period, fee_item_ids, status, leave_out_flagged, created_by, created_at)
					VALUES (?, ?, ?, 'QUEUED', ?, ?, ?) RETURNING id""")
			.params(communityId, Date.valueOf(period.atDay(1)),
					items.stream().map((i) -> String.valueOf(i.id())).collect(Collectors.joining(",")),
					flagged == FlaggedChoice.LEAVE_OUT, this.current.user().map((u) -> u.getAccountId()).orElse(null),
					Timestamp.from(Instant.now(this.clock)))
			.query(Long.class)
			.single();
		this.audit.record("BILLING_RUN_STARTED", "billingRun", id, communityId,
				AuditLog.Changes.of()
					.set("period", period.toString())
					.set("feeItemIds", feeItemIds)
					.set("flagged", (flagged != null) ? flagged.name() : null));
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				BillingRuns.this.executor.execute(BillingRuns.this::pickUp);
			}
		});
		return find(id);
	}

	@Transactional(readOnly = true)
	@PreAuthorize(Access.FINANCE)
	public RunView get(long id) {
		RunView run = find(id);
		this.current.requireCommunity(run.communityId(), "billingRun", id);
		return run;
	}

	@SqlRead
	@PreAuthorize(Access.FINANCE)
	public List<RunView> recent(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		return this.jdbc.sql(SELECT + " WHERE community_id = ? ORDER BY id DESC LIMIT 20")
			.param(communityId)
			.query(this::row)
			.list();
	}

	/**
	 * Takes the next queued run, or a running one whose worker stopped sending heartbeats
	 * (a crash or restart), and works it to the end. Several nodes may call this at once:
	 * each run is claimed by one.
	 */
	public int pickUp() {
		int done = 0;
		Optional<Long> claimed;
		while ((claimed = claim()).isPresent()) {
			execute(claimed.get());
			done++;
		}
		return done;
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
		long runStarted = System.nanoTime();
		RunView run = find(runId);
		try {
			List<FeeItemView> items = this.feeItems.forRun(run.communityId(), run.feeItemIds());
			List<long[]> roomRanges = ranges("estate_room", run);
			List<long[]> spaceRanges = ranges("estate_parking_space", run);
			handOverPayers(run);
			LocalDate issued = this.jdbc.sql("SELECT coalesce(issued_on, ?) FROM billing_run WHERE id = ?")
				.params(Date.valueOf(today()), runId)
				.query(Date.class)
				.single()
				.toLocalDate();
			List<BillWriter.Terms> terms = new ArrayList<>();
			int total = 0;
			boolean leaveOutFlagged = this.jdbc.sql("SELECT leave_out_flagged FROM billing_run WHERE id = ?")
				.param(runId)
				.query(Boolean.class)
				.single();
			for (FeeItemView item : items) {
				BillWriter.Terms term = BillWriter.Terms.of(item, run.period(), issued)
					.leavingOutFlagged(leaveOutFlagged);
				terms.add(term);
				total += size(term.parkingSpaces() ? spaceRanges : roomRanges);
			}
			this.jdbc.sql("UPDATE billing_run SET total = ?, processed = 0, billed = 0, heartbeat_at = ? WHERE id = ?")
				.params(total, Timestamp.from(Instant.now(this.clock)), runId)
				.update();
			// Each batch is one INSERT ... SELECT for an item and a range of rooms; two
			// go in at once, on two
			// connections, and each reports its progress as it commits.
			ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
			int billed = 0;
			List<BillingCalculator.Missing> missing = new ArrayList<>();
			try {
				List<Future<Integer>> batches = new ArrayList<>();
				for (BillWriter.Terms term : terms) {
					for (long[] range : term.parkingSpaces() ? spaceRanges : roomRanges) {
						batches.add(writers.submit(() -> this.transactions.execute((status) -> {
							Timestamp now = Timestamp.from(Instant.now(this.clock));
							// Most batches meet no existing line: the plain insert is
							// tried first; a line billed
							// before (a rerun, a resumed or a parallel run) sends the
							// batch the slower way.
							Savepoint savepoint = this.template.execute((Connection c) -> c.setSavepoint());
							int written;
							try {
								written = this.writer.write(runId, run.communityId(), term, range[0], range[1], now,
										false);
							}
							catch (org.springframework.dao.DuplicateKeyException ex) {
								this.template.execute((Connection c) -> {
									c.rollback(savepoint);
									return null;
								});
								written = this.writer.write(runId, run.communityId(), term, range[0], range[1], now,
										true);
							}
							this.jdbc.sql(
									"UPDATE billing_run SET processed = processed + ?, billed = billed + ?, heartbeat_at = ? WHERE id = ?")
								.params((int) range[2], written, now, runId)
								.update();
							return written;
						})));
					}
					if (term.item().method() == FeeMethod.METERED) {
						List<Long> without = this.writer.withoutReading(run.communityId(), term);
						Map<Long, RoomRef> rooms = this.estate.rooms(without);
						for (Long id : without) {
							missing
								.add(new BillingCalculator.Missing(id, rooms.get(id).code(), term.item().meterType()));
						}
						List<Long> leftOut = this.writer.leftOutFlagged(run.communityId(), term);
						Map<Long, RoomRef> flaggedRooms = this.estate.rooms(leftOut);
						for (Long id : leftOut) {
							missing.add(new BillingCalculator.Missing(id, flaggedRooms.get(id).code(),
									term.item().meterType(), true));
						}
					}
				}
				this.jdbc.sql("UPDATE billing_run SET missing = ? WHERE id = ?")
					.params(this.json.writeValueAsString(missing(missing)), runId)
					.update();
				for (Future<Integer> batch : batches) {
					billed += batch.get();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Billing run interrupted", ex);
			}
			catch (ExecutionException ex) {
				throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
						: new IllegalStateException(ex.getCause());
			}
			finally {
				writers.shutdownNow();
				this.jdbc.sql("DELETE FROM billing_run_payer WHERE run_id = ?").param(runId).update();
			}
			long lines = this.jdbc
				.sql("SELECT count(*) FROM bill WHERE community_id = :c AND period = :p AND fee_item_id IN (:items)")
				.param("c", run.communityId())
				.param("p", Date.valueOf(run.period().atDay(1)))
				.param("items", run.feeItemIds())
				.query(Long.class)
				.single();
			int written = billed;
			// completed and announced in one transaction: the event's listeners are
			// recorded with it and run after
			// it commits (the prepaid deduction follows the run's completion, moments
			// later), again after a crash
			this.transactions.executeWithoutResult((status) -> {
				Instant now = this.clock.instant();
				this.jdbc.sql("""
						UPDATE billing_run SET status = 'COMPLETED', skipped = :skipped, finished_at = :now,
						       heartbeat_at = :now WHERE id = :id""")
					.param("skipped", (int) Math.max(0, lines - written))
					.param("now", Timestamp.from(now))
					.param("id", runId)
					.update();
				this.events.publishEvent(
						new BillsIssued(runId, run.communityId(), run.period(), run.feeItemIds(), written, now));
			});
			log.info("Billing run {} completed: {} new bills, {} rooms without readings", runId, billed,
					missing.size());
			io.micrometer.core.instrument.Metrics.timer("linli.billing.run.duration")
				.record(java.time.Duration.ofNanos(System.nanoTime() - runStarted));
			io.micrometer.core.instrument.Metrics.counter("linli.billing.run.bills").increment(written);
		}
		catch (RuntimeException ex) {
			log.error("Billing run {} failed", runId, ex);
			this.jdbc.sql("UPDATE billing_run SET status = 'FAILED', failure = ?, finished_at = ? WHERE id = ?")
				.params(ex.getClass().getSimpleName(), Timestamp.from(Instant.now(this.clock)), runId)
				.update();
		}
	}

	/**
	 * The ids of a community's rooms or parking spaces (a view) cut into ranges of
	 * {@link #BATCH}: {from, to, count}, worked out by the database rather than by
	 * reading every id.
	 */
	private List<long[]> ranges(String view, RunView run) {
		return this.jdbc
			.sql("SELECT min(id), max(id), count(*) FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / " + BATCH
					+ " AS batch FROM " + view + " WHERE community_id = ?) ids GROUP BY batch ORDER BY batch")
			.param(run.communityId())
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) })
			.list();
	}

	private static int size(List<long[]> ranges) {
		return ranges.stream().mapToInt((r) -> (int) r[2]).sum();
	}

	/**
	 * The owners of each room during the period (a room sold within it has its former and
	 * its new owners), from the residents module, where the run's statements can join
	 * them.
	 */
	private void handOverPayers(RunView run) {
		Map<Long, List<Long>> owners = this.residents.ownersInCommunityDuring(run.communityId(), run.period().atDay(1),
				run.period().plusMonths(1).atDay(1));
		this.jdbc.sql("DELETE FROM billing_run_payer WHERE run_id = ?").param(run.id()).update();
		if (owners.isEmpty()) {
			return;
		}
		StringBuilder csv = new StringBuilder(owners.size() * 24);
		owners.forEach((room, ids) -> csv.append(run.id())
			.append(',')
			.append(room)
			.append(",\"")
			.append(ids.stream().map(String::valueOf).collect(Collectors.joining(",")))
			.append("\"\n"));
		this.template.execute((Connection connection) -> {
			try {
				return connection.unwrap(org.postgresql.PGConnection.class)
					.getCopyAPI()
					.copyIn("COPY billing_run_payer (run_id, room_id, payer_ids) FROM STDIN (FORMAT csv)",
							new StringReader(csv.toString()));
			}
			catch (IOException ex) {
				throw new SQLException("Could not hand over the payers", ex);
			}
		});
	}

	/**
	 * The period and items of a run request, checked: the period at most next month,
	 * items of the community in force.
	 */
	private List<FeeItemView> check(long communityId, YearMonth period, List<Long> feeItemIds) {
		this.current.requireCommunity(communityId, "community", communityId);
		Checks checks = new Checks().required("period", period);
		if (feeItemIds == null || feeItemIds.isEmpty()) {
			checks.add("feeItemIds", "billing.run.itemsRequired");
		}
		if (period != null && period.isAfter(YearMonth.now(this.clock).plusMonths(1))) {
			checks.add("period", "billing.meter.periodTooLate");
		}
		else if (period != null && period.isBefore(YearMonth.now(this.clock).minusYears(10))) {
			checks.add("period", "billing.run.periodTooEarly", YearMonth.now(this.clock).minusYears(10).toString());
		}
		checks.throwIfAny();
		List<FeeItemView> items = this.feeItems.forRun(communityId, feeItemIds.stream().distinct().toList());
		for (Long id : feeItemIds) {
			FeeItemView item = items.stream().filter((i) -> i.id().equals(id)).findFirst().orElse(null);
			if (item == null || !item.method().isConfigurable()) {
				checks.add("feeItemIds", "billing.run.unknownItem", String.valueOf(id));
			}
			else if (!item.inForce(period)) {
				checks.add("feeItemIds", "billing.run.notInForce", item.name(), period.toString());
			}
			else if (!item.billableFor(period)) {
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
			entry.put("flagged", m.flagged());
			list.add(entry);
		}
		return list;
	}

	private static final String SELECT = """
			SELECT id, community_id, period, fee_item_ids, status, total, processed, billed, skipped, errors, missing, created_at,
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
	private RunView row(ResultSet rs, int n) throws SQLException {
		String missing = rs.getString("missing");
		Timestamp finished = rs.getTimestamp("finished_at");
		List<Long> items = new ArrayList<>();
		for (String part : rs.getString("fee_item_ids").split(",")) {
			items.add(Long.valueOf(part));
		}
		return new RunView(rs.getLong("id"), rs.getLong("community_id"),
				YearMonth.from(rs.getDate("period").toLocalDate()), items, RunStatus.valueOf(rs.getString("status")),
				rs.getInt("total"), rs.getInt("processed"), rs.getInt("billed"), rs.getInt("skipped"),
				rs.getInt("errors"), (missing != null) ? this.json.readValue(missing, List.class) : List.of(),
				rs.getTimestamp("created_at").toInstant(), (finished != null) ? finished.toInstant() : null);
	}

	private LocalDate today() {
		return Times.today(this.clock);
	}

}
