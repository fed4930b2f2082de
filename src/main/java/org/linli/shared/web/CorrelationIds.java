package org.linli.shared.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id — the caller's {@code X-Request-Id} when it is a
 * plain token (a load balancer's), else a new one — puts it in the log context
 * ({@code correlationId}, in every log line of the request, plain or JSON) and answers it
 * in {@code X-Request-Id}, so that a user's report and the log meet.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIds extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";

	static final String KEY = "correlationId";

	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		String id = (given != null && ACCEPTED.matcher(given).matches()) ? given : UUID.randomUUID().toString();
		MDC.put(KEY, id);
		response.setHeader(HEADER, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(KEY);
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
