package org.linli.shared;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

class RequestMemoTests {

	private final AtomicInteger reads = new AtomicInteger();

	@AfterEach
	void noRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void aRequestReadsOnceUntilItForgetsAndEachRequestReadsAgain() {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		assertThat(RequestMemo.get("a.stays.1", this::read)).isEqualTo(1);
		assertThat(RequestMemo.get("a.stays.1", this::read)).isEqualTo(1);
		assertThat(RequestMemo.get("a.stays.2", this::read)).isEqualTo(2);
		RequestMemo.forget("a.stays.");
		assertThat(RequestMemo.get("a.stays.1", this::read)).isEqualTo(3);
		assertThat(RequestMemo.get("a.stays.1", this::read)).isEqualTo(3);

		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		assertThat(RequestMemo.get("a.stays.1", this::read)).isEqualTo(4);
	}

	@Test
	void outsideARequestEveryCallReads() {
		assertThat(RequestMemo.inRequest()).isFalse();
		assertThat(RequestMemo.get("a.stays.1", this::read)).isEqualTo(1);
		assertThat(RequestMemo.get("a.stays.1", this::read)).isEqualTo(2);
		RequestMemo.forget("a.");
	}

	@Test
	void nothingIsKeptForNull() {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		Integer none = RequestMemo.get("a.none", () -> {
			this.reads.incrementAndGet();
			return null;
		});
		assertThat(none).isNull();
		assertThat(RequestMemo.get("a.none", this::read)).isEqualTo(2);
	}

	private Integer read() {
		return this.reads.incrementAndGet();
	}

}
