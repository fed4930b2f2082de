package org.linli.statistics.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.linli.estate.Estate;
import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.shared.Checks;
import org.linli.shared.FileTypes;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.SqlList;
import org.linli.shared.Times;
import org.linli.shared.files.FileStore;
import org.linli.statistics.ExpenseCategory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a community spends, recorded by finance: like income, never edited — a mistake is
 * reversed by a row of the opposite amount, in the same category and on the same day as
 * the row it reverses (so that the period the mistake was in is the one corrected; the
 * reversal keeps when it was made and why), once per row. A receipt or invoice (image or
 * PDF) may be attached, once.
 */
@Service
@Transactional(readOnly = true)
public class Expenses {

	private static final BigDecimal MAX = new BigDecimal("100000000");

	private final JdbcClient jdbc;

	private final CurrentStaff current;

	private final Estate estate;

	private final AuditLog audit;

	private final Clock clock;

	private final int maxBytes;

	private final FileStore store;

	Expenses(FileStore store, JdbcClient jdbc, CurrentStaff current, Estate estate, AuditLog audit, Clock clock,
			@Value("${linli.statistics.max-attachment-bytes:10485760}") int maxBytes) {
		this.store = store;
		this.jdbc = jdbc;
		this.current = current;
		this.estate = estate;
		this.audit = audit;
		this.clock = clock;
		this.maxBytes = maxBytes;
	}

	/** An expense to record, as typed. */
	public record NewExpense(LocalDate date, ExpenseCategory category, BigDecimal amount, String payee, String note) {
	}

	/**
	 * An expense row; {@code reverses} names the row a reversal reverses,
	 * {@code reversedBy} the reversal of a row that was reversed.
	 */
	public record ExpenseView(long id, long communityId, LocalDate date, ExpenseCategory category, BigDecimal amount,
			String payee, String note, Long reverses, Long reversedBy, String reason, boolean attachment,
			String createdBy, Instant createdAt) {
	}

	@Transactional
	@PreAuthorize(Access.FINANCE)
	public ExpenseView record(long communityId, NewExpense expense) {
		this.current.requireCommunity(communityId, "community", communityId);
		if (!this.estate.exists(communityId)) {
			throw new NotFoundException("community", communityId);
		}
		Checks checks = new Checks().required("date", expense.date())
			.required("category", expense.category())
			.required("amount", expense.amount())
			.maxLength("payee", expense.payee(), 100)
			.maxLength("note", expense.note(), 500);
		if (expense.amount() != null) {
			checks.positiveDecimal("amount", expense.amount(), 2, MAX);
		}
		LocalDate today = Times.today(this.clock);
		if (expense.date() != null && (expense.date().isAfter(today) || expense.date().getYear() < 2000)) {
			checks.add("date", "statistics.expense.dateOutOfRange");
		}
		checks.throwIfAny();
		long id = this.jdbc.sql("""
				INSERT INTO expense (community_id, spent_on, category, amount, payee, note, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(communityId, Date.valueOf(expense.date()), expense.category().name(),
					Money.of(expense.amount()).amount(), blank(expense.payee()), blank(expense.note()),
					this.current.require().getDisplayName(), Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single();
		this.audit.record("EXPENSE_RECORDED", "expense", id, communityId,
				AuditLog.Changes.of()
					.set("date", expense.date())
					.set("category", expense.category().name())
					.set("amount", Money.of(expense.amount()).amount()));
		return get(id);
	}

	/** Reverses an expense with a reason: a new row of the opposite amount; once. */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public ExpenseView reverse(long id, String reason) {
		find(id);
		new Checks().required("reason", blank(reason)).maxLength("reason", reason, 200).throwIfAny();
		// two reversals at once: the second waits here, then finds the first's
		this.jdbc.sql("SELECT id FROM expense WHERE id = ? FOR UPDATE").param(id).query(Long.class).single();
		ExpenseView original = get(id);
		if (original.reverses() != null) {
			throw InvalidInputException.conflict("reason", "statistics.expense.reversalOfReversal");
		}
		if (original.reversedBy() != null) {
			throw InvalidInputException.conflict("reason", "statistics.expense.alreadyReversed");
		}
		long reversal = this.jdbc
			.sql("""
					INSERT INTO expense (community_id, spent_on, category, amount, payee, note, reverses, reason, created_by, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(original.communityId(), Date.valueOf(original.date()), original.category().name(),
					original.amount().negate(), original.payee(), original.note(), id, reason.trim(),
					this.current.require().getDisplayName(), Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single();
		this.audit.record("EXPENSE_REVERSED", "expense", id, original.communityId(),
				AuditLog.Changes.of().set("reversal", reversal).set("reason", reason.trim()));
		return get(reversal);
	}

	/** An expense of a community the signed-in member serves (404 otherwise). */
	@PreAuthorize(Access.FINANCE)
	public ExpenseView find(long id) {
		ExpenseView expense = get(id);
		this.current.requireCommunity(expense.communityId(), "expense", id);
		return expense;
	}

	/** The filters of a community's list. */
	public record Filter(LocalDate from, LocalDate to, ExpenseCategory category) {
	}

	private static final String ROW = """
			SELECT e.id, e.community_id, e.spent_on, e.category, e.amount, e.payee, e.note, e.reverses,
			       (SELECT x.id FROM expense x WHERE x.reverses = e.id) AS reversed_by, e.reason,
			       EXISTS (SELECT 1 FROM expense_attachment a WHERE a.expense_id = e.id) AS attachment, e.created_by, e.created_at""";

	private static final java.util.Map<String, String> SORTS = java.util.Map.of("date", "e.spent_on", "amount",
			"e.amount", "category", "e.category");

	@PreAuthorize(Access.FINANCE)
	public PageView<ExpenseView> list(long communityId, Filter filter, PageQuery query) {
		this.current.requireCommunity(communityId, "community", communityId);
		if (!this.estate.exists(communityId)) {
			throw new NotFoundException("community", communityId);
		}
		return filtered(communityId, filter).orderBy(query, SORTS, "date", true, "e.id DESC")
			.page(this.jdbc, ROW, query, this::row);
	}

	/** Every expense the filters select (for the export). */
	@PreAuthorize(Access.FINANCE)
	public List<ExpenseView> all(long communityId, Filter filter, PageQuery query) {
		this.current.requireCommunity(communityId, "community", communityId);
		return filtered(communityId, filter).orderBy(query, SORTS, "date", true, "e.id DESC")
			.list(this.jdbc, ROW, this::row);
	}

	private SqlList filtered(long communityId, Filter filter) {
		return SqlList.from("FROM expense e")
			.where("e.community_id = :community")
			.param("community", communityId)
			.when(filter.from(), "e.spent_on >= :from", "from")
			.when(filter.to(), "e.spent_on <= :to", "to")
			.when(filter.category(), "e.category = :category", "category");
	}

	/**
	 * What a community spent by day and category, from..to (inclusive; reversals net).
	 */
	List<Spent> spent(long communityId, LocalDate from, LocalDate to) {
		return this.jdbc.sql("""
				SELECT spent_on, category, sum(amount) FROM expense
				WHERE community_id = ? AND spent_on BETWEEN ? AND ? GROUP BY spent_on, category""")
			.params(communityId, Date.valueOf(from), Date.valueOf(to))
			.query((rs, n) -> new Spent(rs.getDate(1).toLocalDate(), ExpenseCategory.valueOf(rs.getString(2)),
					Money.of(rs.getBigDecimal(3))))
			.list();
	}

	record Spent(LocalDate date, ExpenseCategory category, Money amount) {
	}

	/** Attaches the receipt or invoice (image or PDF) to an expense that has none yet. */
	@Transactional
	@PreAuthorize(Access.FINANCE)
	public ExpenseView attach(long id, byte[] content) {
		ExpenseView expense = find(id);
		if (content == null || content.length == 0) {
			throw InvalidInputException.field("file", "validation.required");
		}
		if (content.length > this.maxBytes) {
			throw InvalidInputException.field("file", "equipment.file.tooLarge", this.maxBytes / (1024 * 1024));
		}
		String type = FileTypes.sniff(content);
		if (type == null) {
			throw InvalidInputException.field("file", "statistics.expense.attachmentType");
		}
		byte[] kept = FileTypes.withoutMetadata(content);
		String stored = java.util.UUID.randomUUID() + FileTypes.extension(type);
		this.store.store(stored, kept);
		int set = this.jdbc
			.sql("INSERT INTO expense_attachment (expense_id, content_type, size, stored_name, uploaded_by, "
					+ "uploaded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (expense_id) DO NOTHING")
			.params(id, type, kept.length, stored, this.current.require().getDisplayName(),
					Timestamp.from(this.clock.instant()))
			.update();
		if (set == 0) {
			throw InvalidInputException.conflict("file", "statistics.expense.attachmentExists");
		}
		this.audit.record("EXPENSE_ATTACHED", "expense", id, expense.communityId(),
				AuditLog.Changes.of().set("size", content.length).set("type", type));
		return get(id);
	}

	/** An attachment to send: its type and size, and its content from the file store. */
	public record Attachment(String contentType, long size, String storedName, FileStore.Content content) {
	}

	@PreAuthorize(Access.FINANCE)
	public Attachment attachment(long id) {
		find(id);
		return this.jdbc.sql("SELECT content_type, size, stored_name FROM expense_attachment WHERE expense_id = ?")
			.param(id)
			.query((rs, n) -> new Attachment(rs.getString(1), rs.getLong(2), rs.getString(3),
					this.store.content(rs.getString(3))))
			.optional()
			.filter((a) -> this.store.exists(a.storedName()))
			.orElseThrow(() -> new NotFoundException("attachment", id));
	}

	private ExpenseView get(long id) {
		return this.jdbc.sql(ROW + " FROM expense e WHERE e.id = ?")
			.param(id)
			.query(this::row)
			.optional()
			.orElseThrow(() -> new NotFoundException("expense", id));
	}

	private ExpenseView row(ResultSet rs, int n) throws SQLException {
		return new ExpenseView(rs.getLong("id"), rs.getLong("community_id"), rs.getDate("spent_on").toLocalDate(),
				ExpenseCategory.valueOf(rs.getString("category")), rs.getBigDecimal("amount"), rs.getString("payee"),
				rs.getString("note"), (Long) rs.getObject("reverses"), (Long) rs.getObject("reversed_by"),
				rs.getString("reason"), rs.getBoolean("attachment"), rs.getString("created_by"),
				rs.getTimestamp("created_at").toInstant());
	}

	private static String blank(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
