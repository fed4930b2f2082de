package org.linli.support;

import java.net.http.HttpResponse;
import java.util.Arrays;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on HTTP responses whose failure shows what the server answered (status and
 * body, e.g. the problem detail), not only "expected 200 but was 400". Imported beside
 * AssertJ's {@code assertThat}.
 */
public final class HttpAssert {

	private HttpAssert() {
	}

	public static ResponseAssert assertThat(Api.Response response) {
		return new ResponseAssert(response.status(), response.body(), response);
	}

	public static ResponseAssert assertThat(HttpResponse<String> response) {
		return new ResponseAssert(response.statusCode(), response.body(), response);
	}

	public static final class ResponseAssert extends AbstractAssert<ResponseAssert, Object> {

		private final int status;

		private final String body;

		ResponseAssert(int status, String body, Object actual) {
			super(actual, ResponseAssert.class);
			this.status = status;
			this.body = body;
		}

		/** The response answered this status (or one of these). */
		public ResponseAssert hasStatus(int... expected) {
			if (Arrays.stream(expected).noneMatch((s) -> s == this.status)) {
				failWithMessage("Expected status %s but was %d; the body was:%n%s",
						(expected.length == 1) ? String.valueOf(expected[0]) : Arrays.toString(expected), this.status,
						abbreviate(this.body));
			}
			return this;
		}

		private static String abbreviate(String body) {
			if (body == null) {
				return "(none)";
			}
			return (body.length() > 4000) ? body.substring(0, 4000) + "…" : body;
		}

	}

}
