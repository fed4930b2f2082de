package org.linli.billing.meters;

import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.linli.billing.bills.Bills;
import org.linli.billing.fees.MeterType;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CommunityScope;
import org.linli.identity.CurrentStaff;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.SqlList;
import org.linli.shared.excel.RowError;
import org.linli.shared.excel.SheetCells;
import org.linli.shared.excel.SheetImport;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Meter readings: entered one by one (the form shows the previous reading) or imported
 * from .xlsx or .csv, all rows or none. Readings go in period order per meter; a period
 * may be at most the next month.
 */
@Service
@Transactional(readOnly = true)
public class MeterReadings {

	private static final String COLUMNS = """
			SELECT id, room_id, community_id, meter_type, period, reading, previous, usage, replacement, start_value, flagged,
			       verified_at IS NOT NULL AS verified, correction_reason""";

	private static final String SELECT = COLUMNS + "\nFROM meter_reading";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final Estate estate;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final Messages messages;

	private final Clock clock;

	private final Bills bills;

	MeterReadings(JdbcClient jdbc, JdbcTemplate template, Estate estate, CurrentStaff current, AuditLog audit,
			Messages messages, Clock clock, Bills bills) {
		this.bills = bills;
		this.jdbc = jdbc;
		this.template = template;
		this.estate = estate;
		this.current = current;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * A reading; {@code confirmLargeUsage} takes a usage above the meter type's usual
	 * monthly maximum (flagged for review), which is refused otherwise.
	 */
	public record ReadingCommand(Long roomId, MeterType meterType, YearMonth period, BigDecimal reading,
			boolean replacement, BigDecimal startValue, boolean confirmLargeUsage) {

		public ReadingCommand(Long roomId, MeterType meterType, YearMonth period, BigDecimal reading,
				boolean replacement, BigDecimal startValue) {
			this(roomId, meterType, period, reading, replacement, startValue, false);
		}

	}

	public record ReadingView(long id, long roomId, String room, MeterType meterType, YearMonth period,
			BigDecimal reading, BigDecimal previous, BigDecimal usage, boolean replacement, BigDecimal startValue,
			boolean flagged, boolean verified, String correctionReason) {
	}

	@Transactional
	@PreAuthorize(Access.FINANCE)
	public ReadingView record(ReadingCommand command) {
		Checks checks = new Checks().required("roomId", command.roomId())
			.required("meterType", command.meterType())
			.required("period", command.period())
			.required("reading", command.reading());
		checks.throwIfAny();
		RoomRef room = this.estate.room(command.roomId())
			.filter((r) -> this.current.scope().includes(r.communityId()))
			.orElseThrow(() -> InvalidInputException.field("roomId", "billing.meter.unknownRoom",
					String.valueOf(command.roomId())));
		checkPeriod(command.period(), checks);
		checks.throwIfAny();
		this.jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(room.id()).query(Object.class).optional();
		List<Stored> history = history(List.of(room.id()), command.meterType()).getOrDefault(room.id(), List.of());
		Evaluation evaluation = evaluate(history, command);
		if (evaluation.refusalField() != null) {
			throw (evaluation.status() == 409)
					? InvalidInputException.conflict(evaluation.refusalField(), evaluation.refusal(), evaluation.args())
					: InvalidInputException.field(evaluation.refusalField(), evaluation.refusal(), evaluation.args());
		}
		long id = insert(room, command, evaluation).get(0);
		this.audit.record("METER_READING_RECORDED", "meterReading", id, room.communityId(),
				AuditLog.Changes.of()
					.set("roomId", room.id())
					.set("meterType", command.meterType().name())
					.set("period", command.period().toString())
					.set("reading", command.reading())
					.set("replacement", command.replacement()));
		return get(id);
	}

	/**
	 * Corrects a reading entered wrong: only the meter's latest, and only before it is
	 * billed (a billed one is corrected by voiding its line first). Its usage and flag
	 * are worked out again; the reason and who corrected it are kept and audited.
	 */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public ReadingView correct(long id, BigDecimal reading, Boolean replacing, BigDecimal start, String reason) {
		ReadingView before = changeable(id, reason);
		if (reading == null) {
			throw InvalidInputException.field("reading", "validation.required");
		}
		// a billed reading is read again: its line is voided (refused once paid) and the
		// next run issues that period again from the corrected reading
		for (long line : billedFrom(before)) {
			this.bills.cancel(line,
					truncated(this.messages.get(java.util.Locale.SIMPLIFIED_CHINESE, "billing.meter.rereadReason",
							before.reading().stripTrailingZeros().toPlainString(),
							reading.stripTrailingZeros().toPlainString(), reason.trim())));
		}
		// not said: as it was (a new meter's reading stays one)
		boolean replacement = (replacing != null) ? replacing : before.replacement();
		BigDecimal startValue = (replacing != null) ? start : before.startValue();
		ReadingCommand command = new ReadingCommand(before.roomId(), before.meterType(), before.period(), reading,
				replacement, startValue, true);
		List<Stored> history = history(List.of(before.roomId()), before.meterType()).getOrDefault(before.roomId(),
				List.of());
		Evaluation evaluation = evaluate(history.stream().filter((s) -> !s.period().equals(before.period())).toList(),
				command);
		if (evaluation.refusalField() != null) {
			throw InvalidInputException.field(evaluation.refusalField(), evaluation.refusal(), evaluation.args());
		}
		this.jdbc
			.sql("""
					UPDATE meter_reading SET reading = :reading, previous = :previous, usage = :usage, replacement = :replacement,
					       start_value = :start, flagged = :flagged, verified_at = NULL, verified_by = NULL,
					       corrected_at = :now, corrected_by = :by, correction_reason = :reason
					WHERE id = :id""")
			.param("reading", reading)
			.param("previous", evaluation.previous())
			.param("usage", evaluation.usage())
			.param("replacement", replacement)
			.param("start", startValue)
			.param("flagged", evaluation.flagged())
			.param("now", Timestamp.from(Instant.now(this.clock)))
			.param("by", this.current.require().getUsername())
			.param("reason", reason.trim())
			.param("id", id)
			.update();
		this.audit.record("METER_READING_CORRECTED", "meterReading", id, communityOf(before),
				AuditLog.Changes.of().changed("reading", before.reading(), reading).set("reason", reason.trim()));
		return get(id);
	}

	/** Deletes a reading entered for the wrong room or meter: the latest, not billed. */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public void delete(long id, String reason) {
		ReadingView before = changeable(id, reason);
		if (!billedFrom(before).isEmpty()) {
			throw InvalidInputException.conflict("reading", "billing.meter.billedDelete");
		}
		this.jdbc.sql("DELETE FROM meter_reading WHERE id = ?").param(id).update();
		this.audit.record("METER_READING_DELETED", "meterReading", id, communityOf(before),
				AuditLog.Changes.of()
					.set("roomId", before.roomId())
					.set("meterType", before.meterType().name())
					.set("period", before.period().toString())
					.set("reading", before.reading())
					.set("reason", reason.trim()));
	}

	/**
	 * Marks a flagged reading checked and right (核实): billing takes it without asking
	 * again.
	 */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public ReadingView verify(long id) {
		ReadingView reading = this.jdbc.sql(SELECT + " WHERE id = ?")
			.param(id)
			.query(this::row)
			.optional()
			.orElseThrow(() -> new NotFoundException("meterReading", id));
		visibleRoom(reading.roomId());
		if (!reading.flagged()) {
			throw InvalidInputException.conflict("reading", "billing.meter.notFlagged");
		}
		this.jdbc.sql("UPDATE meter_reading SET verified_at = ?, verified_by = ? WHERE id = ? AND verified_at IS NULL")
			.params(Timestamp.from(Instant.now(this.clock)), this.current.require().getUsername(), id)
			.update();
		this.audit.record("METER_READING_VERIFIED", "meterReading", id, communityOf(reading), AuditLog.Changes.of());
		return get(id);
	}

	/** A reading that may still change: in scope, the meter's latest, not billed. */
	private ReadingView changeable(long id, String reason) {
		ReadingView reading = this.jdbc.sql(SELECT + " WHERE id = ?")
			.param(id)
			.query(this::row)
			.optional()
			.orElseThrow(() -> new NotFoundException("meterReading", id));
		visibleRoom(reading.roomId());
		new Checks().required("reason", (reason == null || reason.isBlank()) ? null : reason)
			.maxLength("reason", reason, 200)
			.throwIfAny();
		this.jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(reading.roomId()).query(Object.class).optional();
		boolean later = this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM meter_reading WHERE room_id = ? AND meter_type = ? AND period > ?)")
			.params(reading.roomId(), reading.meterType().name(), Date.valueOf(reading.period().atDay(1)))
			.query(Boolean.class)
			.single();
		if (later) {
			throw InvalidInputException.conflict("reading", "billing.meter.notLatest");
		}
		return reading;
	}

	/** The lines (not voided) billed from a reading. */
	private List<Long> billedFrom(ReadingView reading) {
		return this.jdbc.sql("""
				SELECT b.id FROM bill b JOIN fee_item f ON f.id = b.fee_item_id
				WHERE b.room_id = ? AND b.period = ? AND f.meter_type = ?
				  AND NOT EXISTS (SELECT 1 FROM bill_adjustment a WHERE a.bill_id = b.id AND a.kind = 'CANCELLATION')
				ORDER BY b.id""")
			.params(reading.roomId(), Date.valueOf(reading.period().atDay(1)), reading.meterType().name())
			.query(Long.class)
			.list();
	}

	private static String truncated(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200);
	}

	private long communityOf(ReadingView reading) {
		return this.estate.room(reading.roomId()).map(RoomRef::communityId).orElseThrow();
	}

	/** The last reading before a period, for the form. */
	@PreAuthorize(Access.FINANCE)
	public Optional<ReadingView> previous(long roomId, MeterType meterType, YearMonth period) {
		RoomRef room = visibleRoom(roomId);
		return this.jdbc
			.sql(SELECT + " WHERE room_id = ? AND meter_type = ? AND period < ? ORDER BY period DESC LIMIT 1")
			.params(room.id(), meterType.name(), Date.valueOf(period.atDay(1)))
			.query(this::row)
			.optional()
			.map((r) -> withRoom(r, room));
	}

	@PreAuthorize(Access.FINANCE)
	public List<ReadingView> ofRoom(long roomId) {
		RoomRef room = visibleRoom(roomId);
		return this.jdbc.sql(SELECT + " WHERE room_id = ? ORDER BY meter_type, period DESC")
			.param(room.id())
			.query(this::row)
			.list()
			.stream()
			.map((r) -> withRoom(r, room))
			.toList();
	}

	/** A community's readings of a period, a page at a time, in room order. */
	@PreAuthorize(Access.FINANCE)
	public PageView<ReadingView> ofCommunity(long communityId, YearMonth period, MeterType meterType,
			boolean flaggedOnly, PageQuery query) {
		this.current.requireCommunity(communityId, "community", communityId);
		PageView<ReadingView> rows = SqlList.from("FROM meter_reading")
			.where("community_id = :community AND period = :period")
			.param("community", communityId)
			.param("period", Date.valueOf(period.atDay(1)))
			.when(meterType, "meter_type = :meter", "meter")
			.when(flaggedOnly, "flagged")
			.orderBy("room_id, meter_type")
			.page(this.jdbc, COLUMNS, query, this::row);
		Map<Long, RoomRef> rooms = this.estate.rooms(rows.content().stream().map(ReadingView::roomId).toList());
		return new PageView<>(rows.content().stream().map((r) -> withRoom(r, rooms.get(r.roomId()))).toList(),
				rows.page(), rows.size(), rows.totalElements(), rows.totalPages());
	}

	ReadingView get(long id) {
		ReadingView row = this.jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::row).single();
		return withRoom(row, this.estate.room(row.roomId()).orElse(null));
	}

	/**
	 * Imports readings of one community from an .xlsx or .csv file (columns: room, meter,
	 * period, reading, replacement, new meter's start value). Nothing is written unless
	 * every row is right.
	 */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public ImportReport importReadings(long communityId, String fileName, InputStream file) {
		this.current.requireCommunity(communityId, "community", communityId);
		List<SheetImport.SheetRow> rows = SheetImport.read(fileName, file, 6, 50_000, true);
		SheetImport sheet = new SheetImport(this.messages, (field) -> msg("billing.meter.column." + field));
		CommunityScope only = new CommunityScope(false, Set.of(communityId));
		Map<String, RoomRef> roomsByCode = new HashMap<>();
		for (RoomRef room : this.estate.roomsIn(communityId)) {
			roomsByCode.put(room.code(), room);
			roomsByCode.putIfAbsent(shortCode(room), room);
		}
		List<Parsed> parsed = new ArrayList<>();
		for (SheetImport.SheetRow row : rows) {
			List<String> cells = row.cells();
			int rowNumber = row.number();
			Checks checks = new Checks();
			String code = cell(cells, 0);
			RoomRef room = null;
			if (code == null) {
				checks.add("room", "validation.required");
			}
			else {
				room = roomsByCode.get(code);
				if (room == null) {
					List<RoomRef> found = this.estate.findByCode(only, code);
					room = (found.size() == 1) ? found.get(0) : null;
				}
				if (room == null) {
					checks.add("room", "billing.meter.unknownRoom", code);
				}
			}
			MeterType meter = SheetCells.choice(MeterType.class, "billing.meter.", cell(cells, 1), this.messages);
			if (meter == null) {
				checks.add("meterType", (cell(cells, 1) == null) ? "validation.required" : "validation.invalidValue");
			}
			YearMonth period = null;
			try {
				period = (cell(cells, 2) != null) ? YearMonth.parse(cell(cells, 2).replace('/', '-')) : null;
				if (period == null) {
					checks.add("period", "validation.required");
				}
				else {
					checkPeriod(period, checks);
				}
			}
			catch (DateTimeParseException ex) {
				checks.add("period", "validation.monthFormat");
			}
			BigDecimal reading = decimal(cell(cells, 3), "reading", checks, true);
			boolean replacement = yes(cell(cells, 4));
			BigDecimal start = decimal(cell(cells, 5), "startValue", checks, false);
			if (sheet.accept(rowNumber, checks)) {
				parsed.add(new Parsed(rowNumber, room,
						new ReadingCommand(room.id(), meter, period, reading, replacement, start)));
			}
		}
		List<Parsed> ordered = new ArrayList<>(parsed);
		ordered.sort(Comparator.comparing((Parsed p) -> p.room().id())
			.thenComparing((p) -> p.command().meterType())
			.thenComparing((p) -> p.command().period()));
		Map<String, List<Stored>> histories = new HashMap<>();
		for (MeterType meter : MeterType.values()) {
			List<Long> roomIds = ordered.stream()
				.filter((p) -> p.command().meterType() == meter)
				.map((p) -> p.room().id())
				.distinct()
				.toList();
			history(roomIds, meter)
				.forEach((roomId, stored) -> histories.put(roomId + "|" + meter, new ArrayList<>(stored)));
		}
		List<Object[]> inserts = new ArrayList<>();
		Timestamp now = Timestamp.from(Instant.now(this.clock));
		Long actor = this.current.user().map((u) -> u.getAccountId()).orElse(null);
		for (Parsed p : ordered) {
			List<Stored> history = histories.computeIfAbsent(p.room().id() + "|" + p.command().meterType(),
					(k) -> new ArrayList<>());
			Evaluation evaluation = evaluate(history, p.command());
			if (evaluation.refusalField() != null) {
				sheet.accept(p.row(),
						new Checks().add(evaluation.refusalField(), evaluation.refusal(), evaluation.args()));
				continue;
			}
			history.add(0, new Stored(p.command().period(), p.command().reading(), evaluation.usage()));
			inserts.add(new Object[] { p.room().id(), p.room().communityId(), p.command().meterType().name(),
					Date.valueOf(p.command().period().atDay(1)), p.command().reading(), evaluation.previous(),
					evaluation.usage(), p.command().replacement(), p.command().startValue(), evaluation.flagged(),
					actor, now });
		}
		if (!sheet.ok()) {
			return new ImportReport(0, 0, rows.size(), sheet.errors());
		}
		this.template.batchUpdate(
				"""
						INSERT INTO meter_reading (room_id, community_id, meter_type, period, reading, previous, usage, replacement,
						                           start_value, flagged, created_by, created_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				inserts);
		long flagged = inserts.stream().filter((r) -> Boolean.TRUE.equals(r[9])).count();
		this.audit.record("METER_READINGS_IMPORTED", "community", communityId, communityId,
				AuditLog.Changes.of().set("readings", inserts.size()).set("flagged", flagged));
		return new ImportReport(inserts.size(), (int) flagged, rows.size(), List.of());
	}

	public record ImportReport(int imported, int flagged, int rows, List<RowError> errors) {

		public boolean ok() {
			return this.errors.isEmpty();
		}

	}

	private record Parsed(int row, RoomRef room, ReadingCommand command) {
	}

	/** A stored reading of one meter: period, reading, usage (null for a baseline). */
	private record Stored(YearMonth period, BigDecimal reading, BigDecimal usage) {
	}

	private record Evaluation(BigDecimal previous, BigDecimal usage, boolean flagged, String refusalField,
			String refusal, Object[] args, int status) {
	}

	/**
	 * Checks a reading against its meter's history (newest first) and works out usage and
	 * flag.
	 */
	private Evaluation evaluate(List<Stored> history, ReadingCommand command) {
		for (Stored stored : history) {
			if (stored.period().equals(command.period())) {
				return new Evaluation(null, null, false, "period", "billing.meter.duplicate",
						new Object[] { command.period().toString() }, 409);
			}
			if (stored.period().isAfter(command.period())) {
				return new Evaluation(null, null, false, "period", "billing.meter.outOfOrder",
						new Object[] { stored.period().toString() }, 400);
			}
		}
		BigDecimal previous = history.isEmpty() ? null : history.get(0).reading();
		List<BigDecimal> usages = history.stream().map(Stored::usage).filter(Objects::nonNull).toList();
		if (command.reading().compareTo(MeterType.MAX_READING) > 0
				|| (command.startValue() != null && command.startValue().compareTo(MeterType.MAX_READING) > 0)) {
			return new Evaluation(previous, null, false, "reading", "billing.meter.tooLarge",
					new Object[] { MeterType.MAX_READING.toPlainString() }, 400);
		}
		MeterRules.Outcome outcome = MeterRules.evaluate(previous, command.reading(), command.replacement(),
				command.startValue(), usages);
		if (!outcome.refused() && outcome.usage() != null
				&& outcome.usage().compareTo(command.meterType().usualMonthlyMaximum()) > 0) {
			if (!command.confirmLargeUsage()) {
				return new Evaluation(previous, null, false, "reading", "billing.meter.usageTooLarge",
						new Object[] { outcome.usage().stripTrailingZeros().toPlainString(),
								command.meterType().usualMonthlyMaximum().toPlainString() },
						400);
			}
			return new Evaluation(previous, outcome.usage(), true, null, null, null, 200);
		}
		if (outcome.refused()) {
			Object arg = (previous != null) ? previous.stripTrailingZeros().toPlainString() : "";
			return new Evaluation(previous, null, false, "reading", outcome.refusal(), new Object[] { arg }, 400);
		}
		return new Evaluation(previous, outcome.usage(), outcome.flagged(), null, null, null, 200);
	}

	/** The last seven readings of each room's meter, newest first. */
	private Map<Long, List<Stored>> history(List<Long> roomIds, MeterType meterType) {
		Map<Long, List<Stored>> result = new HashMap<>();
		if (roomIds.isEmpty()) {
			return result;
		}
		this.jdbc.sql("""
				SELECT room_id, period, reading, usage FROM (
				  SELECT room_id, period, reading, usage,
				         row_number() OVER (PARTITION BY room_id ORDER BY period DESC) AS n
				  FROM meter_reading WHERE meter_type = :m AND room_id IN (:rooms)) recent
				WHERE n <= 7 ORDER BY room_id, period DESC""")
			.param("m", meterType.name())
			.param("rooms", roomIds)
			.query((rs, n) -> result.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>())
				.add(new Stored(YearMonth.from(rs.getDate(2).toLocalDate()), rs.getBigDecimal(3), rs.getBigDecimal(4))))
			.list();
		return result;
	}

	private List<Long> insert(RoomRef room, ReadingCommand c, Evaluation e) {
		return List.of(this.jdbc
			.sql("""
					INSERT INTO meter_reading (room_id, community_id, meter_type, period, reading, previous, usage, replacement,
					                           start_value, flagged, created_by, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(room.id(), room.communityId(), c.meterType().name(), Date.valueOf(c.period().atDay(1)), c.reading(),
					e.previous(), e.usage(), c.replacement(), c.startValue(), e.flagged(),
					this.current.user().map((u) -> u.getAccountId()).orElse(null),
					Timestamp.from(Instant.now(this.clock)))
			.query(Long.class)
			.single());
	}

	private void checkPeriod(YearMonth period, Checks checks) {
		if (period != null && period.isAfter(YearMonth.now(this.clock).plusMonths(1))) {
			checks.add("period", "billing.meter.periodTooLate");
		}
	}

	private RoomRef visibleRoom(long roomId) {
		RoomRef room = this.estate.room(roomId).orElseThrow(() -> new NotFoundException("room", roomId));
		this.current.requireCommunity(room.communityId(), "room", roomId);
		return room;
	}

	/** 1栋-2单元-1201 as people also write it: 1-2-1201. */
	private static String shortCode(RoomRef room) {
		String building = room.building().replaceAll("(栋|幢|号楼)$", "");
		return building + "-" + ((room.unit() != null) ? room.unit().replaceAll("单元$", "") + "-" : "") + room.number();
	}

	private static String cell(List<String> cells, int i) {
		return (i < cells.size()) ? cells.get(i) : null;
	}

	private static BigDecimal decimal(String value, String field, Checks checks, boolean required) {
		if (value == null) {
			if (required) {
				checks.add(field, "validation.required");
			}
			return null;
		}
		try {
			BigDecimal number = new BigDecimal(value);
			if (number.signum() < 0) {
				checks.add(field, "billing.meter.negative");
			}
			return number;
		}
		catch (NumberFormatException ex) {
			checks.add(field, "validation.number");
			return null;
		}
	}

	private static boolean yes(String value) {
		return value != null && Set.of("是", "y", "yes", "true", "1", "换表").contains(value.toLowerCase());
	}

	private String msg(String key) {
		return this.messages.get(key);
	}

	private ReadingView row(ResultSet rs, int n) throws SQLException {
		return new ReadingView(rs.getLong("id"), rs.getLong("room_id"), null,
				MeterType.valueOf(rs.getString("meter_type")), YearMonth.from(rs.getDate("period").toLocalDate()),
				rs.getBigDecimal("reading"), rs.getBigDecimal("previous"), rs.getBigDecimal("usage"),
				rs.getBoolean("replacement"), rs.getBigDecimal("start_value"), rs.getBoolean("flagged"),
				rs.getBoolean("verified"), rs.getString("correction_reason"));
	}

	private static ReadingView withRoom(ReadingView r, RoomRef room) {
		return new ReadingView(r.id(), r.roomId(), (room != null) ? room.code() : null, r.meterType(), r.period(),
				r.reading(), r.previous(), r.usage(), r.replacement(), r.startValue(), r.flagged(), r.verified(),
				r.correctionReason());
	}

}
