package org.linli.shared;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * PostgreSQL {@code bigint[]} values through plain parameters: written as the array's
 * text ({@code CAST(:ids AS bigint[])}), read back as a list.
 */
public final class SqlArrays {

	private SqlArrays() {
	}

	/**
	 * {@code {1,2,3}}: the text of a {@code bigint[]}, for {@code CAST(? AS bigint[])}.
	 */
	public static String bigints(Collection<Long> ids) {
		StringBuilder text = new StringBuilder("{");
		for (Long id : (ids != null) ? ids : List.<Long>of()) {
			text.append((text.length() > 1) ? "," : "").append(id.longValue());
		}
		return text.append('}').toString();
	}

	public static List<Long> longs(Array array) throws SQLException {
		List<Long> values = new ArrayList<>();
		if (array != null) {
			for (Object value : (Object[]) array.getArray()) {
				values.add(((Number) value).longValue());
			}
		}
		return values;
	}

}
