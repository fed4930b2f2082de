package org.linli.complaints;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.linli.complaints.ComplaintStatus.Step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.complaints.ComplaintStatus.ASSIGNED;
import static org.linli.complaints.ComplaintStatus.CLOSED;
import static org.linli.complaints.ComplaintStatus.IN_PROGRESS;
import static org.linli.complaints.ComplaintStatus.REOPENED;
import static org.linli.complaints.ComplaintStatus.RESOLVED;
import static org.linli.complaints.ComplaintStatus.SUBMITTED;
import static org.linli.complaints.ComplaintStatus.WITHDRAWN;

/**
 * Every step from every state: allowed exactly where the flow says, refused everywhere
 * else, and leading where it says.
 */
class ComplaintStatusTests {

	private static final Map<Step, Set<ComplaintStatus>> ALLOWED = new EnumMap<>(Step.class);

	private static final Map<Step, ComplaintStatus> LEADS_TO = new EnumMap<>(Step.class);

	static {
		ALLOWED.put(Step.ASSIGN, EnumSet.of(SUBMITTED));
		ALLOWED.put(Step.REASSIGN, EnumSet.of(ASSIGNED, IN_PROGRESS, REOPENED));
		ALLOWED.put(Step.FOLLOW_UP, EnumSet.of(ASSIGNED, IN_PROGRESS, REOPENED));
		ALLOWED.put(Step.RESOLVE, EnumSet.of(ASSIGNED, IN_PROGRESS, REOPENED));
		ALLOWED.put(Step.CONFIRM, EnumSet.of(RESOLVED));
		ALLOWED.put(Step.REOPEN, EnumSet.of(RESOLVED));
		ALLOWED.put(Step.AUTO_CLOSE, EnumSet.of(RESOLVED));
		ALLOWED.put(Step.WITHDRAW, EnumSet.of(SUBMITTED, ASSIGNED, IN_PROGRESS, REOPENED));
		LEADS_TO.put(Step.ASSIGN, ASSIGNED);
		LEADS_TO.put(Step.REASSIGN, null);
		LEADS_TO.put(Step.FOLLOW_UP, IN_PROGRESS);
		LEADS_TO.put(Step.RESOLVE, RESOLVED);
		LEADS_TO.put(Step.CONFIRM, CLOSED);
		LEADS_TO.put(Step.REOPEN, REOPENED);
		LEADS_TO.put(Step.AUTO_CLOSE, CLOSED);
		LEADS_TO.put(Step.WITHDRAW, WITHDRAWN);
	}

	@Test
	void everyStepIsAllowedFromExactlyItsStatesAndRefusedFromEveryOther() {
		assertThat(ALLOWED.keySet()).containsExactlyInAnyOrder(Step.values());
		int checked = 0;
		for (Step step : Step.values()) {
			for (ComplaintStatus status : ComplaintStatus.values()) {
				assertThat(step.allowedFrom(status)).as(step + " from " + status)
					.isEqualTo(ALLOWED.get(step).contains(status));
				checked++;
			}
			assertThat(step.to()).as(step.name()).isEqualTo(LEADS_TO.get(step));
		}
		assertThat(checked).isEqualTo(Step.values().length * ComplaintStatus.values().length);
	}

	@Test
	void reassigningKeepsTheStateAndEveryOtherStepLeadsWhereItSays() {
		for (ComplaintStatus status : ALLOWED.get(Step.REASSIGN)) {
			assertThat(Step.REASSIGN.after(status)).isEqualTo(status);
		}
		for (Step step : Step.values()) {
			if (step != Step.REASSIGN) {
				for (ComplaintStatus status : ALLOWED.get(step)) {
					assertThat(step.after(status)).as(step + " from " + status).isEqualTo(LEADS_TO.get(step));
				}
			}
		}
	}

	@Test
	void closedAndWithdrawnItemsAreFinalAndOnlyOpenOnesAreOpen() {
		for (Step step : Step.values()) {
			assertThat(step.allowedFrom(CLOSED)).as(step.name()).isFalse();
			assertThat(step.allowedFrom(WITHDRAWN)).as(step.name()).isFalse();
		}
		assertThat(ComplaintStatus.open()).containsExactlyInAnyOrder(SUBMITTED, ASSIGNED, IN_PROGRESS, REOPENED);
		for (ComplaintStatus status : ComplaintStatus.values()) {
			assertThat(status.isOpen()).isEqualTo(ComplaintStatus.open().contains(status));
			assertThat(ComplaintStatus.OPEN_SQL.contains("'" + status.name() + "'")).isEqualTo(status.isOpen());
		}
	}

	@Test
	void praiseHasNoLimits() {
		assertThat(ComplaintKind.PRAISE.hasLimits()).isFalse();
		assertThat(ComplaintKind.COMPLAINT.hasLimits()).isTrue();
		assertThat(ComplaintKind.SUGGESTION.hasLimits()).isTrue();
	}

}
