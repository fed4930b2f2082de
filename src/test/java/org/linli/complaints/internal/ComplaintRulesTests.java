package org.linli.complaints.internal;

import org.junit.jupiter.api.Test;
import org.linli.complaints.ComplaintCategory;
import org.linli.complaints.ComplaintStatus;
import org.linli.complaints.ComplaintStatus.Step;
import org.linli.shared.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default limits and the refusal of a step. */
class ComplaintRulesTests {

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
