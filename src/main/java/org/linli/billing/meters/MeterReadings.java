package org.linli.billing.meters;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
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
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.linli.billing.fees.FeeItems;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.AuditLog;
import org.linli.identity.CommunityScope;
import org.linli.identity.CurrentStaff;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.linli.shared.excel.RowError;
import org.linli.shared.excel.SheetCells;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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

	static final Set<String> METERS = Set.of("WATER", "ELECTRICITY", "GAS");

	private static final String SELECT = """
			SELECT id, room_id, community_id, meter_type, period, reading, previous, usage, replacement, start_value, flagged
			FROM meter_reading""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final Estate estate;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final MessageSource messages;

	private final Clock clock;

	MeterReadings(JdbcClient jdbc, JdbcTemplate template, Estate estate, CurrentStaff current, AuditLog audit,
			MessageSource messages, Clock clock) {
		this.jdbc = jdbc;
		this.template = template;
		this.estate = estate;
		this.current = current;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	public record ReadingCommand(Long roomId, String meterType, YearMonth period, BigDecimal reading,
			boolean replacement, BigDecimal startValue) {
	}

	public record ReadingView(long id, long roomId, String room, String meterType, YearMonth period, BigDecimal reading,
			BigDecimal previous, BigDecimal usage, boolean replacement, BigDecimal startValue, boolean flagged) {
	}

	@Transactional
	@PreAuthorize(FeeItems.FINANCE)
	public ReadingView record(ReadingCommand command) {
		Checks checks = new Checks().required("roomId", command.roomId())
			.required("meterType", command.meterType())
			.required("period", command.period())
			.required("reading", command.reading());
		if (command.meterType() != null && !METERS.contains(command.meterType())) {
			checks.add("meterType", "validation.invalidValue");
		}
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
					.set("meterType", command.meterType())
					.set("period", command.period().toString())
					.set("reading", command.reading())
					.set("replacement", command.replacement()));
		return get(id);
	}

	/** The last reading before a period, for the form. */
	@PreAuthorize(FeeItems.FINANCE)
	public Optional<ReadingView> previous(long roomId, String meterType, YearMonth period) {
		RoomRef room = visibleRoom(roomId);
		return this.jdbc
			.sql(SELECT + " WHERE room_id = ? AND meter_type = ? AND period < ? ORDER BY period DESC LIMIT 1")
			.params(room.id(), meterType, Date.valueOf(period.atDay(1)))
			.query(this::row)
			.optional()
			.map((r) -> withRoom(r, room));
	}

	@PreAuthorize(FeeItems.FINANCE)
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
	@PreAuthorize(FeeItems.FINANCE)
	public org.linli.shared.PageView<ReadingView> ofCommunity(long communityId, YearMonth period, String meterType,
			boolean flaggedOnly, org.linli.shared.PageQuery query) {
		this.current.requireCommunity(communityId, "community", communityId);
		String where = " WHERE community_id = :c AND period = :p AND (CAST(:m AS text) IS NULL OR meter_type = :m)"
				+ " AND (:flagged = FALSE OR flagged)";
		Map<String, Object> params = new HashMap<>();
		params.put("c", communityId);
		params.put("p", Date.valueOf(period.atDay(1)));
		params.put("m", meterType);
		params.put("flagged", flaggedOnly);
		long total = this.jdbc.sql("SELECT count(*) FROM meter_reading" + where)
			.params(params)
			.query(Long.class)
			.single();
		List<ReadingView> rows = this.jdbc
			.sql(SELECT + where + " ORDER BY room_id, meter_type LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", query.size())
			.param("offset", (long) query.page() * query.size())
			.query(this::row)
			.list();
		Map<Long, RoomRef> rooms = this.estate.rooms(rows.stream().map(ReadingView::roomId).toList());
		return new org.linli.shared.PageView<>(rows.stream().map((r) -> withRoom(r, rooms.get(r.roomId()))).toList(),
				query.page(), query.size(), total, (int) ((total + query.size() - 1) / query.size()));
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
	@PreAuthorize(FeeItems.FINANCE)
	public ImportReport importReadings(long communityId, String fileName, InputStream file) {
		this.current.requireCommunity(communityId, "community", communityId);
		List<List<String>> rows = readRows(fileName, file);
		if (rows.isEmpty()) {
			throw InvalidInputException.field("file", "estate.import.empty");
		}
		if (rows.size() > 50_000) {
			throw InvalidInputException.field("file", "estate.import.tooManyRows", 50_000);
		}
		CommunityScope only = new CommunityScope(false, Set.of(communityId));
		Map<String, RoomRef> roomsByCode = new HashMap<>();
		for (RoomRef room : this.estate.roomsIn(communityId)) {
			roomsByCode.put(room.code(), room);
			roomsByCode.putIfAbsent(shortCode(room), room);
		}
		List<RowError> errors = new ArrayList<>();
		List<Parsed> parsed = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			List<String> cells = rows.get(i);
			int rowNumber = i + 2;
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
			String meter = SheetCells.choice(MeterType.class, "billing.meter.", cell(cells, 1), this.messages) != null
					? SheetCells.choice(MeterType.class, "billing.meter.", cell(cells, 1), this.messages).name() : null;
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
				checks.add("period", "billing.feeItem.monthFormat");
			}
			BigDecimal reading = decimal(cell(cells, 3), "reading", checks, true);
			boolean replacement = yes(cell(cells, 4));
			BigDecimal start = decimal(cell(cells, 5), "startValue", checks, false);
			if (checks.isEmpty()) {
				parsed.add(new Parsed(rowNumber, room,
						new ReadingCommand(room.id(), meter, period, reading, replacement, start)));
			}
			else {
				addErrors(errors, rowNumber, checks);
			}
		}
		List<Parsed> ordered = new ArrayList<>(parsed);
		ordered.sort(Comparator.comparing((Parsed p) -> p.room().id())
			.thenComparing((p) -> p.command().meterType())
			.thenComparing((p) -> p.command().period()));
		Map<String, List<Stored>> histories = new HashMap<>();
		for (String meter : METERS) {
			List<Long> roomIds = ordered.stream()
				.filter((p) -> p.command().meterType().equals(meter))
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
				Checks checks = new Checks().add(evaluation.refusalField(), evaluation.refusal(), evaluation.args());
				addErrors(errors, p.row(), checks);
				continue;
			}
			history.add(0, new Stored(p.command().period(), p.command().reading(), evaluation.usage()));
			inserts.add(new Object[] { p.room().id(), p.room().communityId(), p.command().meterType(),
					Date.valueOf(p.command().period().atDay(1)), p.command().reading(), evaluation.previous(),
					evaluation.usage(), p.command().replacement(), p.command().startValue(), evaluation.flagged(),
					actor, now });
		}
		if (!errors.isEmpty()) {
			errors.sort(Comparator.comparingInt(RowError::row));
			return new ImportReport(0, 0, rows.size(), errors);
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

	public enum MeterType {

		WATER, ELECTRICITY, GAS

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
		List<BigDecimal> usages = history.stream().map(Stored::usage).filter(java.util.Objects::nonNull).toList();
		MeterRules.Outcome outcome = MeterRules.evaluate(previous, command.reading(), command.replacement(),
				command.startValue(), usages);
		if (outcome.refused()) {
			Object arg = (previous != null) ? previous.stripTrailingZeros().toPlainString() : "";
			return new Evaluation(previous, null, false, "reading", outcome.refusal(), new Object[] { arg }, 400);
		}
		return new Evaluation(previous, outcome.usage(), outcome.flagged(), null, null, null, 200);
	}

	/** The last seven readings of each room's meter, newest first. */
	private Map<Long, List<Stored>> history(List<Long> roomIds, String meterType) {
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
			.param("m", meterType)
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
			.params(room.id(), room.communityId(), c.meterType(), Date.valueOf(c.period().atDay(1)), c.reading(),
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

	private List<List<String>> readRows(String fileName, InputStream file) {
		try {
			if (fileName != null && fileName.toLowerCase().endsWith(".csv")) {
				List<List<String>> rows = new ArrayList<>();
				for (CSVRecord record : CSVFormat.DEFAULT.builder()
					.setSkipHeaderRecord(false)
					.get()
					.parse(new InputStreamReader(file, StandardCharsets.UTF_8))) {
					if (record.getRecordNumber() == 1) {
						continue;
					}
					List<String> cells = new ArrayList<>();
					record.forEach((value) -> cells.add(value.isBlank() ? null : value.trim().replace("\uFEFF", "")));
					if (cells.stream().anyMatch(java.util.Objects::nonNull)) {
						rows.add(cells);
					}
				}
				return rows;
			}
			try (Workbook workbook = new XSSFWorkbook(file)) {
				Sheet sheet = workbook.getSheetAt(0);
				List<List<String>> rows = new ArrayList<>();
				for (int r = 1; r <= sheet.getLastRowNum(); r++) {
					Row row = sheet.getRow(r);
					if (row == null) {
						continue;
					}
					List<String> cells = new ArrayList<>();
					for (int c = 0; c < 6; c++) {
						cells.add(SheetCells.text(row.getCell(c)));
					}
					if (cells.stream().anyMatch(java.util.Objects::nonNull)) {
						rows.add(cells);
					}
				}
				return rows;
			}
		}
		catch (IOException | RuntimeException ex) {
			throw InvalidInputException.field("file", "billing.meter.unreadable");
		}
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

	private void addErrors(List<RowError> errors, int row, Checks checks) {
		for (InvalidInputException.FieldProblem p : checks.problems()) {
			errors.add(new RowError(row, p.field(), msg("billing.meter.column." + p.field()), this.messages
				.getMessage(p.messageKey(), p.args(), p.messageKey(), LocaleContextHolder.getLocale())));
		}
	}

	private String msg(String key) {
		return this.messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
	}

	private ReadingView row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new ReadingView(rs.getLong("id"), rs.getLong("room_id"), null, rs.getString("meter_type"),
				YearMonth.from(rs.getDate("period").toLocalDate()), rs.getBigDecimal("reading"),
				rs.getBigDecimal("previous"), rs.getBigDecimal("usage"), rs.getBoolean("replacement"),
				rs.getBigDecimal("start_value"), rs.getBoolean("flagged"));
	}

	private static ReadingView withRoom(ReadingView r, RoomRef room) {
		return new ReadingView(r.id(), r.roomId(), (room != null) ? room.code() : null, r.meterType(), r.period(),
				r.reading(), r.previous(), r.usage(), r.replacement(), r.startValue(), r.flagged());
	}

}
