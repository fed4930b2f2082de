package org.linli.shared;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;

class PageQueryTests {

	@Test
	void boundsAreEnforced() {
		PageQuery query = new PageQuery(-3, 100000, null, "sideways");
		assertThat(query.page()).isZero();
		assertThat(query.size()).isEqualTo(PageQuery.MAX_SIZE);
		assertThat(query.dir()).isEqualTo("asc");
		assertThat(new PageQuery(0, 0, null, null).size()).isEqualTo(20);
	}

	@Test
	void onlyAllowedColumnsSort() {
		Pageable allowed = new PageQuery(1, 10, "name", "desc").toPageable(Set.of("name"), "id");
		assertThat(allowed.getSort().getOrderFor("name")).isEqualTo(Sort.Order.desc("name"));
		assertThat(allowed.getSort().getOrderFor("id")).isNotNull();
		Pageable refused = new PageQuery(0, 10, "password_hash", "asc").toPageable(Set.of("name"), "id");
		assertThat(refused.getSort().getOrderFor("password_hash")).isNull();
		assertThat(refused.getSort().getOrderFor("id")).isEqualTo(Sort.Order.asc("id"));
	}

}
