package org.linli.workorders;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.linli.workorders.WorkOrderStatus.Step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.workorders.WorkOrderStatus.ACCEPTED;
import static org.linli.workorders.WorkOrderStatus.ASSIGNED;
import static org.linli.workorders.WorkOrderStatus.CANCELLED;
import static org.linli.workorders.WorkOrderStatus.CLOSED;
import static org.linli.workorders.WorkOrderStatus.COMPLETED;
import static org.linli.workorders.WorkOrderStatus.IN_PROGRESS;
import static org.linli.workorders.WorkOrderStatus.ON_HOLD;
import static org.linli.workorders.WorkOrderStatus.RETURNED;
import static org.linli.workorders.WorkOrderStatus.SUBMITTED;

/** Every step against every state, checked against a table written out here. */
class WorkOrderStatusTests {

	private static final Map<Step, Set<WorkOrderStatus>> ALLOWED = allowed();

	@Test
	void theTableCoversEveryStep() {
		assertThat(ALLOWED).containsOnlyKeys(Step.values());
	}

	@Test
	void everyStepInTheTableIsAllowed() {
		SoftAssertions softly = new SoftAssertions();
		for (Step step : Step.values()) {
			for (WorkOrderStatus status : ALLOWED.get(step)) {
				softly.assertThat(step.allowedFrom(status)).as("%s from %s", step, status).isTrue();
			}
		}
		softly.assertAll();
	}

	@Test
	void everyStepNotInTheTableIsRefused() {
		SoftAssertions softly = new SoftAssertions();
		for (Step step : Step.values()) {
			for (WorkOrderStatus status : EnumSet.complementOf(EnumSet.copyOf(ALLOWED.get(step)))) {
				softly.assertThat(step.allowedFrom(status)).as("%s from %s", step, status).isFalse();
			}
		}
		softly.assertAll();
	}

	@Test
	void closedAndCancelledOrdersAllowNoStepAtAll() {
		assertThat(Step.values()).noneMatch((step) -> step.allowedFrom(CLOSED));
		assertThat(Step.values()).noneMatch((step) -> step.allowedFrom(CANCELLED));
	}

	@Test
	void eachStepLeadsToItsState() {
		assertThat(Step.ASSIGN.to()).isEqualTo(ASSIGNED);
		assertThat(Step.TAKE.to()).isEqualTo(ACCEPTED);
		assertThat(Step.ACCEPT.to()).isEqualTo(ACCEPTED);
		assertThat(Step.START.to()).isEqualTo(IN_PROGRESS);
		assertThat(Step.HOLD.to()).isEqualTo(ON_HOLD);
		assertThat(Step.RESUME.to()).isEqualTo(IN_PROGRESS);
		assertThat(Step.RETURN.to()).isEqualTo(RETURNED);
		assertThat(Step.COMPLETE.to()).isEqualTo(COMPLETED);
		assertThat(Step.RATE.to()).isEqualTo(CLOSED);
		assertThat(Step.AUTO_CLOSE.to()).isEqualTo(CLOSED);
		assertThat(Step.WITHDRAW.to()).isEqualTo(CANCELLED);
		assertThat(Step.CANCEL.to()).isEqualTo(CANCELLED);
	}

	@Test
	void onlyHoldReturnAndCancelNeedANote() {
		List<Step> withNote = Arrays.stream(Step.values()).filter(Step::needsNote).toList();
		assertThat(withNote).containsExactlyInAnyOrder(Step.HOLD, Step.RETURN, Step.CANCEL);
	}

	@Test
	void onlySubmittedAndReturnedOrdersAreInThePool() {
		assertThat(statesWhere(WorkOrderStatus::inPool)).containsExactlyInAnyOrder(SUBMITTED, RETURNED);
	}

	@Test
	void onlyCompletedClosedAndCancelledOrdersAreNotOpen() {
		Set<WorkOrderStatus> notOpen = statesWhere((status) -> !status.isOpen());
		assertThat(notOpen).containsExactlyInAnyOrder(COMPLETED, CLOSED, CANCELLED);
	}

	@Test
	void theOpenStatesAreTheOnesThatAreOpen() {
		Set<WorkOrderStatus> open = WorkOrderStatus.open();
		assertThat(open).containsExactlyInAnyOrder(SUBMITTED, ASSIGNED, ACCEPTED, IN_PROGRESS, ON_HOLD, RETURNED);
		assertThat(open).isEqualTo(statesWhere(WorkOrderStatus::isOpen));
	}

	@Test
	void workHasNotBegunOnlyWhenSubmittedAssignedAcceptedOrReturned() {
		Set<WorkOrderStatus> beforeWork = statesWhere(WorkOrderStatus::beforeWork);
		assertThat(beforeWork).containsExactlyInAnyOrder(SUBMITTED, ASSIGNED, ACCEPTED, RETURNED);
	}

	private static Map<Step, Set<WorkOrderStatus>> allowed() {
		Map<Step, Set<WorkOrderStatus>> allowed = new EnumMap<>(Step.class);
		allowed.put(Step.ASSIGN, Set.of(SUBMITTED, RETURNED, ASSIGNED, ACCEPTED));
		allowed.put(Step.TAKE, Set.of(SUBMITTED, RETURNED));
		allowed.put(Step.ACCEPT, Set.of(ASSIGNED));
		allowed.put(Step.START, Set.of(ACCEPTED));
		allowed.put(Step.HOLD, Set.of(IN_PROGRESS));
		allowed.put(Step.RESUME, Set.of(ON_HOLD));
		allowed.put(Step.RETURN, Set.of(ASSIGNED, ACCEPTED, IN_PROGRESS, ON_HOLD));
		allowed.put(Step.COMPLETE, Set.of(IN_PROGRESS));
		allowed.put(Step.RATE, Set.of(COMPLETED));
		allowed.put(Step.AUTO_CLOSE, Set.of(COMPLETED));
		allowed.put(Step.WITHDRAW, Set.of(SUBMITTED, ASSIGNED, ACCEPTED, RETURNED));
		allowed.put(Step.CANCEL, Set.of(SUBMITTED, ASSIGNED, ACCEPTED, IN_PROGRESS, ON_HOLD, RETURNED, COMPLETED));
		return allowed;
	}

	private static Set<WorkOrderStatus> statesWhere(Predicate<WorkOrderStatus> test) {
		Set<WorkOrderStatus> states = EnumSet.noneOf(WorkOrderStatus.class);
		for (WorkOrderStatus status : WorkOrderStatus.values()) {
			if (test.test(status)) {
				states.add(status);
			}
		}
		return states;
	}

}
