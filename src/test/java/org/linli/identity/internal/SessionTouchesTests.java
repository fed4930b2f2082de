package org.linli.identity.internal;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.session.MapSession;

import static org.assertj.core.api.Assertions.assertThat;

/** A session's last access moves on once a minute, and never by less. */
class SessionTouchesTests {

	@Test
	void anAccessWithinAMinuteOfTheLastStoredIsNotNoted() {
		MapSession stored = new MapSession();
		Instant first = Instant.parse("2026-11-28T08:00:00Z");
		stored.setLastAccessedTime(first);
		SessionTouches.MinuteSession session = new SessionTouches.MinuteSession(stored);

		session.setLastAccessedTime(first.plusSeconds(59));
		assertThat(session.getLastAccessedTime()).isEqualTo(first);

		session.setLastAccessedTime(first.plus(Duration.ofMinutes(1)));
		assertThat(session.getLastAccessedTime()).isEqualTo(first.plus(Duration.ofMinutes(1)));

		session.setLastAccessedTime(first.plusSeconds(90));
		assertThat(session.getLastAccessedTime()).isEqualTo(first.plus(Duration.ofMinutes(1)));
	}

}
