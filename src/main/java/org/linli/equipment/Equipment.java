package org.linli.equipment;

import java.util.Optional;

/**
 * What other modules may ask of equipment: a device as they need to know it, and its
 * status while a repair is open. Like other facades it answers for any community; the
 * caller checks the caller's scope.
 */
public interface Equipment {

	Optional<DeviceRef> device(long id);

	/**
	 * A repair of the device began: it turns UNDER_REPAIR if it was IN_USE. Answers
	 * whether it changed (only then is {@link #repairOver} to turn it back).
	 */
	boolean repairBegan(long id, String reason);

	/**
	 * The repair is over: the device turns back IN_USE if it is still UNDER_REPAIR (not
	 * if someone changed it meanwhile, e.g. stopped or scrapped it).
	 */
	void repairOver(long id, String reason);

	/**
	 * The maintenance tasks a community completed from {@code from} to {@code to}
	 * (inclusive), with their device's category and what they cost.
	 */
	java.util.List<MaintenanceDone> maintenanceDone(long communityId, java.time.LocalDate from, java.time.LocalDate to);

	/** A completed maintenance task. */
	record MaintenanceDone(long taskId, DeviceCategory category, String device, java.time.LocalDate completedOn,
			org.linli.shared.Money cost) {
	}

	/**
	 * A community's maintenance and inspection duties on a day: tasks past their due
	 * date, tasks due that day, rounds whose window is that day and not finished, and how
	 * many of those rounds are the given member's (or nobody's yet).
	 */
	Duties duties(long communityId, Long assigneeId, java.time.LocalDate day);

	record Duties(long overdueTasks, long tasksToday, long roundsToday, long myRounds) {
	}

	/** A device: enough to name it, place it and route its repair. */
	record DeviceRef(long id, long communityId, String code, String name, DeviceCategory category, String location,
			DeviceStatus status) {
	}

}
