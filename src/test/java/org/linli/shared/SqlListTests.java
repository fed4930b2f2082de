package org.linli.shared;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-written lists: static text, conditions only with their values, and only
 * whitelisted sorts.
 */
class SqlListTests {

	private static final Map<String, String> SORTS = Map.of("number", "b.name, r.number", "floor", "r.floor");

	@Test
	void conditionsApplyOnlyWhenTheirValueIsGivenAndCarryTheirOwnParameter() {
		SqlList list = SqlList.from("FROM room r")
			.where("r.community_id = :community")
			.param("community", 7L)
			.when(null, "r.building_id = :building", "building")
			.when("  ", "r.number LIKE :number", "number")
			.when(Thread.State.NEW, "r.status = :status", "status")
			.when(false, "r.flagged")
			.when(true, "r.active");
		assertThat(list.sql("SELECT r.id"))
			.isEqualTo("SELECT r.id FROM room r WHERE r.community_id = :community AND r.status = :status AND r.active");
		assertThat(list.params()).containsExactlyInAnyOrderEntriesOf(Map.of("community", 7L, "status", "NEW"));
	}

	@Test
	void onlyWhitelistedSortsInTheAskedDirectionWithATieBreaker() {
		assertThat(SqlList.from("FROM room r")
			.orderBy(new PageQuery(0, 20, "number", "desc"), SORTS, "floor", false, "r.id")
			.sql("SELECT r.id")).endsWith(" ORDER BY b.name DESC, r.number DESC, r.id");
		// anything else is the default, never text from the request
		assertThat(SqlList.from("FROM room r")
			.orderBy(new PageQuery(0, 20, "r.id; DROP TABLE room", "asc"), SORTS, "floor", false, "r.id")
			.sql("SELECT r.id")).endsWith(" ORDER BY r.floor ASC, r.id");
		assertThat(SqlList.from("FROM room r")
			.orderBy(new PageQuery(0, 20, null, "desc"), SORTS, "floor", false, "r.id")
			.sql("SELECT r.id")).as("the default follows the asked direction").endsWith(" ORDER BY r.floor DESC, r.id");
		assertThat(SqlList.from("FROM room r")
			.orderBy(new PageQuery(0, 20, null, null), SORTS, "floor", true, "r.id")
			.sql("SELECT r.id")).endsWith(" ORDER BY r.floor DESC, r.id");
	}

}
