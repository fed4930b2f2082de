package org.linli.shared.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Caps every request body before anything reads it: the payment gateway's notifications
 * at a few kilobytes, JSON and forms at {@code linli.web.max-body} (1 MB), uploads at the
 * multipart limit. A body that says it is larger is answered 413 at once; one that does
 * not say (chunked) is cut off at the limit while it is read, and answered 413 too. No
 * body is ever buffered beyond its limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RequestBodyLimits extends OncePerRequestFilter {

	private final long gatewayLimit;

	private final long bodyLimit;

	private final long uploadLimit;

	private final MessageSource messages;

	RequestBodyLimits(MessageSource messages, @Value("${linli.web.max-gateway-body:8KB}") DataSize gatewayLimit,
			@Value("${linli.web.max-body:1MB}") DataSize bodyLimit,
			@Value("${spring.servlet.multipart.max-request-size:12MB}") DataSize uploadLimit) {
		this.gatewayLimit = gatewayLimit.toBytes();
		this.bodyLimit = bodyLimit.toBytes();
		this.uploadLimit = uploadLimit.toBytes();
		this.messages = messages;
	}

	long limitFor(HttpServletRequest request) {
		if (request.getRequestURI().startsWith("/api/v1/payment-gateway/")) {
			return this.gatewayLimit;
		}
		String type = request.getContentType();
		if (type != null && type.toLowerCase().startsWith("multipart/")) {
			return this.uploadLimit;
		}
		return this.bodyLimit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = limitFor(request);
		if (request.getContentLengthLong() > limit) {
			tooLarge(request, response);
			return;
		}
		String type = request.getContentType();
		if (request.getRequestURI().startsWith("/api/v1/payment-gateway/") && type != null
				&& !type.toLowerCase().startsWith(MediaType.APPLICATION_JSON_VALUE)) {
			// the gateway sends JSON; anything else (a multipart body the container would
			// parse on its own, past the cap) is refused unread
			write(request, response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "error.status.415",
					"Unsupported Media Type");
			return;
		}
		try {
			chain.doFilter(new Limited(request, limit), response);
		}
		catch (IOException ex) {
			if (causedByLimit(ex) && !response.isCommitted()) {
				response.reset();
				tooLarge(request, response);
				return;
			}
			throw ex;
		}
		catch (ServletException | RuntimeException ex) {
			if (response.isCommitted()) {
				throw ex;
			}
			if (causedByLimit(ex) || causedBy(ex, MaxUploadSizeExceededException.class)) {
				response.reset();
				tooLarge(request, response);
				return;
			}
			if (causedBy(ex, MultipartException.class)) {
				// an upload the server cannot even parse (a NUL in its file name...): the
				// client's mistake, said as such, before any handler could name a field
				response.reset();
				write(request, response, HttpServletResponse.SC_BAD_REQUEST, "error.badUpload", "Bad Request");
				return;
			}
			throw ex;
		}
	}

	static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	static boolean causedByLimit(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof BodyTooLargeException) {
				return true;
			}
		}
		return false;
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader("Connection", "close");
		write(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "error.status.413",
				"Payload Too Large");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, int status, String key,
			String fallback) throws IOException {
		// before the locale is resolved: the browser's language, Chinese by default
		Locale locale = request.getLocale().getLanguage().equals("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
		String title = this.messages.getMessage(key, null, fallback, locale);
		response.setStatus(status);
		response.setCharacterEncoding("UTF-8");
		if (request.getRequestURI().startsWith("/api/")) {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"" + title.replace("\"", "'") + "\",\"status\":" + status
						+ "}");
		}
		else {
			response.setContentType("text/plain;charset=UTF-8");
			response.getOutputStream().write(title.getBytes(StandardCharsets.UTF_8));
		}
	}

	/** Thrown when a body read goes past its limit. */
	static final class BodyTooLargeException extends IOException {

		private static final long serialVersionUID = 1L;

		BodyTooLargeException() {
			super("The request body is larger than allowed");
		}

	}

	/** The request with its body stream cut off at the limit. */
	static final class Limited extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CountingStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	static final class CountingStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private long read;

		CountingStream(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, (int) Math.min(length, this.limit - this.read + 1));
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(long n) throws BodyTooLargeException {
			this.read += n;
			if (this.read > this.limit) {
				throw new BodyTooLargeException();
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
