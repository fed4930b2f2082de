package org.linli.estate.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.linli.estate.RoomStatus;
import org.linli.estate.RoomType;
import org.linli.shared.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;

class RoomRulesTests {

	private final Building eighteenFloors = new Building(1L, new BuildingCommand("1栋", 18, true), Instant.EPOCH);

	@Test
	void aTypicalFlatPasses() {
		assertThat(RoomService.rules(this.eighteenFloors, room(12, "1201", "89.50", "72.30")).isEmpty()).isTrue();
		assertThat(RoomService.rules(this.eighteenFloors, room(-1, "B101", "20", null)).isEmpty()).isTrue();
	}

	@Test
	void areasMustBePositiveWithAtMostTwoDecimals() {
		assertThat(fields(room(1, "101", "-1", null))).containsExactly("buildingArea:validation.positive");
		assertThat(fields(room(1, "101", "0", null))).containsExactly("buildingArea:validation.positive");
		assertThat(fields(room(1, "101", "89.505", null))).containsExactly("buildingArea:validation.decimals");
		assertThat(fields(room(1, "101", "89.500", null))).isEmpty();
		assertThat(fields(room(1, "101", "100000", null))).containsExactly("buildingArea:validation.tooLarge");
		assertThat(fields(room(1, "101", "80", "80.01"))).containsExactly("usableArea:estate.room.usableArea.tooLarge");
		assertThat(fields(room(1, "101", "80", "80"))).isEmpty();
	}

	@Test
	void theFloorMustBeInTheBuilding() {
		assertThat(fields(room(19, "1901", "80", null))).containsExactly("floor:estate.room.floor.range");
		assertThat(fields(room(0, "001", "80", null))).containsExactly("floor:estate.room.floor.range");
		assertThat(fields(room(-11, "B", "80", null))).containsExactly("floor:estate.room.floor.range");
		assertThat(fields(room(18, "1801", "80", null))).isEmpty();
	}

	@Test
	void requiredFieldsAreAllReportedTogether() {
		RoomCommand empty = new RoomCommand(null, null, " ", null, null, null, null, null);
		assertThat(fields(empty)).containsExactlyInAnyOrder("number:validation.required", "floor:validation.required",
				"buildingArea:validation.required");
		assertThat(empty.type()).isEqualTo(RoomType.RESIDENTIAL);
		assertThat(empty.status()).isEqualTo(RoomStatus.VACANT);
	}

	@Test
	void occupancyPercent() {
		assertThat(new CommunitySummary(1, "a", null, 1, 3, 2, 0).occupancyPercent()).isEqualByComparingTo("66.7");
		assertThat(new CommunitySummary(1, "a", null, 0, 0, 0, 0).occupancyPercent()).isEqualByComparingTo("0");
	}

	private static RoomCommand room(int floor, String number, String area, String usable) {
		return new RoomCommand("1单元", floor, number, new BigDecimal(area),
				(usable != null) ? new BigDecimal(usable) : null, RoomType.RESIDENTIAL, RoomStatus.VACANT, null);
	}

	private List<String> fields(RoomCommand command) {
		return RoomService.rules(this.eighteenFloors, command)
			.problems()
			.stream()
			.map((InvalidInputException.FieldProblem p) -> p.field() + ":" + p.messageKey())
			.toList();
	}

}
