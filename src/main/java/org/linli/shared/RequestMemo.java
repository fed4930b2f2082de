package org.linli.shared;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What a request reads once however many of its services ask (a page's services each look
 * up the communities, or the rooms a resident lives in), kept in the request's
 * attributes. Outside a request (jobs, tests calling services) nothing is kept. A value
 * kept must not be changed by whoever gets it (give an immutable one), and the module
 * that writes what it was read from forgets it in the request that writes.
 */
public final class RequestMemo {

	private RequestMemo() {
	}

	/** The value kept under {@code key} in this request, read now when there is none. */
	@SuppressWarnings("unchecked")
	public static <T> T get(String key, Supplier<T> read) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return read.get();
		}
		Object kept = request.getAttribute(key, RequestAttributes.SCOPE_REQUEST);
		if (kept != null) {
			return (T) kept;
		}
		T value = read.get();
		if (value != null) {
			request.setAttribute(key, value, RequestAttributes.SCOPE_REQUEST);
		}
		return value;
	}

	/** Forgets every value kept under a key that starts with {@code prefix}. */
	public static void forget(String prefix) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return;
		}
		List<String> names = List.of(request.getAttributeNames(RequestAttributes.SCOPE_REQUEST));
		for (String name : names) {
			if (name.startsWith(prefix)) {
				request.removeAttribute(name, RequestAttributes.SCOPE_REQUEST);
			}
		}
	}

	/** Whether this thread serves a request (and so keeps what it reads). */
	public static boolean inRequest() {
		return RequestContextHolder.getRequestAttributes() != null;
	}

}
