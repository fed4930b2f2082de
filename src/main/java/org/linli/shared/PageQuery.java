package org.linli.shared;

import java.util.Set;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * Paging and sorting as they arrive from a list page or the API, checked against the
 * columns a list allows.
 */
public record PageQuery(int page, int size, String sort, String dir) {

	public static final int MAX_SIZE = 200;

	static final int MAX_OFFSET = 10_000_000;

	public PageQuery {
		page = Math.max(page, 0);
		size = (size <= 0) ? 20 : Math.min(size, MAX_SIZE);
		// past ten million rows a page is empty anyway; beyond, offsets overflow
		page = Math.min(page, MAX_OFFSET / size);
		dir = "desc".equalsIgnoreCase(dir) ? "desc" : "asc";
	}

	/**
	 * A pageable sorted by the requested column when it is allowed, else by the default.
	 */
	public Pageable toPageable(Set<String> allowedSorts, String defaultSort) {
		String column = (this.sort != null && allowedSorts.contains(this.sort)) ? this.sort : defaultSort;
		Sort order = Sort.by("desc".equals(this.dir) ? Sort.Direction.DESC : Sort.Direction.ASC, column);
		if (!"id".equals(column)) {
			order = order.and(Sort.by("id"));
		}
		return PageRequest.of(this.page, this.size, order);
	}

}
