package org.linli.workorders.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.shared.InvalidInputException;
import org.linli.workorders.Urgency;
import org.linli.workorders.WorkOrderStatus;
import org.linli.workorders.WorkOrderStatus.Step;

import org.springframework.context.MessageSourceResolvable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.linli.workorders.WorkOrderStatus.ACCEPTED;
import static org.linli.workorders.WorkOrderStatus.ASSIGNED;
import static org.linli.workorders.WorkOrderStatus.CANCELLED;
import static org.linli.workorders.WorkOrderStatus.CLOSED;
import static org.linli.workorders.WorkOrderStatus.COMPLETED;
import static org.linli.workorders.WorkOrderStatus.IN_PROGRESS;
import static org.linli.workorders.WorkOrderStatus.ON_HOLD;
import static org.linli.workorders.WorkOrderStatus.SUBMITTED;

/** Response and completion limits, when an order is past them, and refused steps. */
class SlaTests {

	private static final Instant REPORTED = Instant.parse("2026-12-01T01:00:00Z");

	private static final Sla EMERGENCY = Sla.defaults().get(Urgency.EMERGENCY);

	private static final Instant RESPOND_BY = Instant.parse("2026-12-01T01:30:00Z");

	private static final Instant RESOLVE_BY = Instant.parse("2026-12-01T05:00:00Z");

	private static final Instant RESPONDED = Instant.parse("2026-12-01T01:20:00Z");

	@Test
	void defaultLimitsByUrgency() {
		Map<Urgency, Sla> limits = Sla.defaults();
		assertThat(limits).containsOnlyKeys(Urgency.values());
		assertThat(limits.get(Urgency.EMERGENCY)).isEqualTo(new Sla(Duration.ofMinutes(30), Duration.ofHours(4)));
		assertThat(limits.get(Urgency.URGENT)).isEqualTo(new Sla(Duration.ofHours(2), Duration.ofHours(24)));
		assertThat(limits.get(Urgency.NORMAL)).isEqualTo(new Sla(Duration.ofHours(24), Duration.ofHours(72)));
	}

	@Test
	void limitsAreCountedFromTheReportingTime() {
		assertThat(EMERGENCY.respondBy(REPORTED)).isEqualTo(RESPOND_BY);
		assertThat(EMERGENCY.resolveBy(REPORTED)).isEqualTo(RESOLVE_BY);
		Sla urgent = Sla.defaults().get(Urgency.URGENT);
		assertThat(urgent.respondBy(REPORTED)).isEqualTo(Instant.parse("2026-12-01T03:00:00Z"));
		assertThat(urgent.resolveBy(REPORTED)).isEqualTo(Instant.parse("2026-12-02T01:00:00Z"));
		Sla normal = Sla.defaults().get(Urgency.NORMAL);
		assertThat(normal.respondBy(REPORTED)).isEqualTo(Instant.parse("2026-12-02T01:00:00Z"));
		assertThat(normal.resolveBy(REPORTED)).isEqualTo(Instant.parse("2026-12-04T01:00:00Z"));
	}

	@Test
	void anUnacceptedOrderIsNotOverdueAtExactlyItsResponseLimit() {
		assertThat(Sla.overdue(SUBMITTED, RESPOND_BY, RESOLVE_BY, null, RESPOND_BY)).isFalse();
		assertThat(Sla.overdue(ASSIGNED, RESPOND_BY, RESOLVE_BY, null, RESPOND_BY)).isFalse();
	}

	@Test
	void anUnacceptedOrderIsOverdueOneSecondAfterItsResponseLimit() {
		Instant justAfter = RESPOND_BY.plusSeconds(1);
		assertThat(Sla.overdue(SUBMITTED, RESPOND_BY, RESOLVE_BY, null, justAfter)).isTrue();
		assertThat(Sla.overdue(ASSIGNED, RESPOND_BY, RESOLVE_BY, null, justAfter)).isTrue();
	}

	@Test
	void anAcceptedOrderIsNotOverduePastItsResponseLimit() {
		Instant later = RESPOND_BY.plus(Duration.ofHours(2));
		assertThat(Sla.overdue(ACCEPTED, RESPOND_BY, RESOLVE_BY, RESPONDED, later)).isFalse();
		assertThat(Sla.overdue(IN_PROGRESS, RESPOND_BY, RESOLVE_BY, RESPONDED, later)).isFalse();
		assertThat(Sla.overdue(IN_PROGRESS, RESPOND_BY, RESOLVE_BY, RESPONDED, RESOLVE_BY)).isFalse();
	}

	@Test
	void anAcceptedOrderIsOverduePastItsCompletionLimit() {
		Instant justAfter = RESOLVE_BY.plusSeconds(1);
		assertThat(Sla.overdue(ACCEPTED, RESPOND_BY, RESOLVE_BY, RESPONDED, justAfter)).isTrue();
		assertThat(Sla.overdue(IN_PROGRESS, RESPOND_BY, RESOLVE_BY, RESPONDED, justAfter)).isTrue();
	}

	@Test
	void anOrderOnHoldStillCounts() {
		assertThat(ON_HOLD.isOpen()).isTrue();
		assertThat(Sla.overdue(ON_HOLD, RESPOND_BY, RESOLVE_BY, RESPONDED, RESOLVE_BY)).isFalse();
		assertThat(Sla.overdue(ON_HOLD, RESPOND_BY, RESOLVE_BY, RESPONDED, RESOLVE_BY.plusSeconds(1))).isTrue();
	}

	@Test
	void completedClosedAndCancelledOrdersAreNeverOverdue() {
		Instant muchLater = RESOLVE_BY.plus(Duration.ofDays(365));
		for (WorkOrderStatus status : List.of(COMPLETED, CLOSED, CANCELLED)) {
			assertThat(Sla.overdue(status, RESPOND_BY, RESOLVE_BY, null, muchLater)).as("%s", status).isFalse();
			assertThat(Sla.overdue(status, RESPOND_BY, RESOLVE_BY, RESPONDED, muchLater)).as("%s", status).isFalse();
		}
	}

	@Test
	void aStepNotAllowedIsRefusedWith409NamingBothStates() {
		Throwable thrown = catchThrowable(() -> WorkOrderService.requireAllowed(Step.COMPLETE, ASSIGNED));
		assertThat(thrown).isInstanceOf(InvalidInputException.class);
		InvalidInputException refused = (InvalidInputException) thrown;
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.problems()).hasSize(1);
		InvalidInputException.FieldProblem problem = refused.problems().get(0);
		assertThat(problem.messageKey()).isEqualTo("workorders.transition.refused");
		assertThat(problem.args()).hasSize(4).endsWith("ASSIGNED", "COMPLETED");
		assertThat(codes(problem.args()[0])).containsExactly("workorders.status.ASSIGNED");
		assertThat(codes(problem.args()[1])).containsExactly("workorders.status.COMPLETED");
	}

	@Test
	void aStepFromAClosedOrderIsRefusedNamingBothStates() {
		Throwable thrown = catchThrowable(() -> WorkOrderService.requireAllowed(Step.ASSIGN, CLOSED));
		assertThat(thrown).isInstanceOf(InvalidInputException.class);
		InvalidInputException refused = (InvalidInputException) thrown;
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.problems().get(0).args()).endsWith("CLOSED", "ASSIGNED");
	}

	@Test
	void anAllowedStepThrowsNothing() {
		assertThatCode(() -> WorkOrderService.requireAllowed(Step.COMPLETE, IN_PROGRESS)).doesNotThrowAnyException();
		assertThatCode(() -> WorkOrderService.requireAllowed(Step.CANCEL, COMPLETED)).doesNotThrowAnyException();
	}

	@Test
	void requireAllowedRefusesExactlyTheStepsNotAllowed() {
		for (Step step : Step.values()) {
			for (WorkOrderStatus from : WorkOrderStatus.values()) {
				Throwable thrown = catchThrowable(() -> WorkOrderService.requireAllowed(step, from));
				assertThat(thrown == null).as("%s from %s", step, from).isEqualTo(step.allowedFrom(from));
			}
		}
	}

	private static String[] codes(Object resolvable) {
		assertThat(resolvable).isInstanceOf(MessageSourceResolvable.class);
		return ((MessageSourceResolvable) resolvable).getCodes();
	}

}
