package org.linli.shared.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Small helpers for page controllers.
 */
public final class Pages {

	private Pages() {
	}

	/**
	 * htmx asks for a fragment only (filters, paging): answer with the list, not the
	 * whole page.
	 */
	public static boolean isHtmx(HttpServletRequest request) {
		return request.getHeader("HX-Request") != null && request.getHeader("HX-Boosted") == null;
	}

}
