package org.linli.shared;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A list read with hand-written SQL, one page at a time: static text for what is read and
 * from where, conditions that apply only when their value is given (each with its own
 * named parameter), an order chosen from a whitelist, and the page. Nothing the user
 * typed ever becomes SQL text. <pre>
 * PageView&lt;RefundView&gt; page = SqlList.from("FROM refund r LEFT JOIN refund_decision d ON d.refund_id = r.id")
 *     .where("r.community_id = :community").param("community", communityId)
 *     .when(status == PENDING, "d.refund_id IS NULL")
 *     .when(q, "r.reason ILIKE :q", "q", "%" + q + "%")
 *     .orderBy("r.id DESC")
 *     .page(jdbc, "SELECT r.id, r.amount", query, this::row);
 * </pre>
 */
public final class SqlList {

	private final String from;

	private final StringBuilder where = new StringBuilder();

	private final Map<String, Object> params = new HashMap<>();

	private String order = "";

	private SqlList(String from) {
		this.from = from;
	}

	/** The FROM clause with its joins, as static text. */
	public static SqlList from(String from) {
		return new SqlList(" " + from.strip());
	}

	/** A condition that always applies; its parameters are given with {@link #param}. */
	public SqlList where(String condition) {
		this.where.append(this.where.isEmpty() ? " WHERE " : " AND ").append(condition);
		return this;
	}

	public SqlList param(String name, Object value) {
		this.params.put(name, value);
		return this;
	}

	/** A condition that applies when the test holds (a filter given as a choice). */
	public SqlList when(boolean applies, String condition) {
		return applies ? where(condition) : this;
	}

	/**
	 * A condition with its one parameter that applies when a value is given (not null,
	 * not blank); the parameter takes {@code bound}, e.g. the value wrapped for LIKE.
	 */
	public SqlList when(Object value, String condition, String name, Object bound) {
		if (value == null || (value instanceof String text && text.isBlank())) {
			return this;
		}
		return where(condition).param(name, bound);
	}

	/** The same, the parameter taking the value itself (an enum by its name). */
	public SqlList when(Object value, String condition, String name) {
		return when(value, condition, name, (value instanceof Enum<?> choice) ? choice.name() : value);
	}

	/**
	 * The order: the whitelisted sort the query asks for (its SQL columns,
	 * comma-separated, each in the asked direction), else {@code defaultSort} (a key of
	 * the whitelist) in the asked direction, or descending when
	 * {@code descendingByDefault} and the query asked none; {@code tieBreaker} last, so
	 * that pages never overlap.
	 */
	public SqlList orderBy(PageQuery query, Map<String, String> sorts, String defaultSort, boolean descendingByDefault,
			String tieBreaker) {
		boolean asked = query.sort() != null && sorts.containsKey(query.sort());
		String columns = sorts.get(asked ? query.sort() : defaultSort);
		boolean descending = "desc".equals(query.dir()) || (!asked && descendingByDefault);
		String direction = descending ? " DESC" : " ASC";
		this.order = " ORDER BY "
				+ Arrays.stream(columns.split(",")).map((c) -> c.strip() + direction).collect(Collectors.joining(", "))
				+ ", " + tieBreaker;
		return this;
	}

	/** A fixed order. */
	public SqlList orderBy(String order) {
		this.order = " ORDER BY " + order;
		return this;
	}

	/**
	 * The statement a list would run (for tests and logs): the select, from, conditions
	 * and order.
	 */
	public String sql(String select) {
		return select + this.from + this.where + this.order;
	}

	/** The parameters of the conditions. */
	public Map<String, Object> params() {
		return Map.copyOf(this.params);
	}

	/** The page the query asks for, with the count of every matching row. */
	public <T> PageView<T> page(JdbcClient jdbc, String select, PageQuery query, RowMapper<T> rows) {
		long total = jdbc.sql("SELECT count(*)" + this.from + this.where)
			.params(this.params)
			.query(Long.class)
			.single();
		List<T> content = jdbc.sql(select + this.from + this.where + this.order + " LIMIT :pageSize OFFSET :pageOffset")
			.params(this.params)
			.param("pageSize", query.size())
			.param("pageOffset", (long) query.page() * query.size())
			.query(rows)
			.list();
		return new PageView<>(content, query.page(), query.size(), total,
				(int) ((total + query.size() - 1) / query.size()));
	}

	/** Every matching row, in order (exports). */
	public <T> List<T> list(JdbcClient jdbc, String select, RowMapper<T> rows) {
		return jdbc.sql(select + this.from + this.where + this.order).params(this.params).query(rows).list();
	}

}
