package org.linli.complaints.internal;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.linli.complaints.ComplaintCategory;
import org.linli.complaints.ComplaintKind;
import org.linli.complaints.ComplaintStatus;
import org.linli.complaints.ComplaintStatus.Step;
import org.linli.shared.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limits' rule in Java and the refusal of a step. */
class ComplaintRulesTests {

	private static final Instant T = Instant.parse("2026-11-28T02:00:00Z");

	@Test
	void anItemIsOverdueWhenNotAcceptedInTimeOrNotResolvedInTime() {
		Instant acceptBy = T.plus(Duration.ofHours(2));
		Instant resolveBy = T.plus(Duration.ofHours(48));
		Instant late = T.plus(Duration.ofHours(3));
		assertThat(ComplaintService.overdue(ComplaintKind.COMPLAINT, ComplaintStatus.SUBMITTED, acceptBy, null,
				resolveBy, T.plus(Duration.ofHours(1))))
			.isFalse();
		assertThat(ComplaintService.overdue(ComplaintKind.COMPLAINT, ComplaintStatus.SUBMITTED, acceptBy, null,
				resolveBy, late))
			.isTrue();
		// accepted in time: only the resolve limit counts
		assertThat(ComplaintService.overdue(ComplaintKind.COMPLAINT, ComplaintStatus.ASSIGNED, acceptBy,
				T.plus(Duration.ofHours(1)), resolveBy, late))
			.isFalse();
		assertThat(ComplaintService.overdue(ComplaintKind.SUGGESTION, ComplaintStatus.IN_PROGRESS, acceptBy,
				T.plus(Duration.ofHours(1)), resolveBy, T.plus(Duration.ofHours(49))))
			.isTrue();
		// resolved, closed or withdrawn items and praise are never overdue
		for (ComplaintStatus done : new ComplaintStatus[] { ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED,
				ComplaintStatus.WITHDRAWN }) {
			assertThat(ComplaintService.overdue(ComplaintKind.COMPLAINT, done, acceptBy, null, resolveBy,
					T.plus(Duration.ofDays(30))))
				.isFalse();
		}
		assertThat(ComplaintService.overdue(ComplaintKind.PRAISE, ComplaintStatus.SUBMITTED, acceptBy, null, resolveBy,
				T.plus(Duration.ofDays(30))))
			.isFalse();
	}

	@Test
	void everyCategoryHasDefaultLimitsAcceptingBeforeResolving() {
		for (ComplaintCategory category : ComplaintCategory.values()) {
			Limits.Limit limit = Limits.defaults().get(category);
			assertThat(limit).as(category.name()).isNotNull();
			assertThat(limit.acceptMinutes()).isPositive().isLessThan(limit.resolveMinutes());
		}
	}

	@Test
	void aRefusedStepIsAConflictNamingBothStates() {
		assertThatThrownBy(() -> ComplaintService.requireAllowed(Step.RESOLVE, ComplaintStatus.SUBMITTED))
			.isInstanceOfSatisfying(InvalidInputException.class, (ex) -> {
				assertThat(ex.problems().get(0).messageKey()).isEqualTo("complaints.transition.refused");
				assertThat(ex.problems().get(0).args()).contains("SUBMITTED", "RESOLVED");
			});
		ComplaintService.requireAllowed(Step.RESOLVE, ComplaintStatus.REOPENED);
	}

}
