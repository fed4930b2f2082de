package org.linli.dunning.internal;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Room codes sort as people read them, numbers by their value. */
class ArrearsOrderTests {

	@Test
	void roomCodesSortByTheValueOfTheirNumbers() {
		List<String> codes = new ArrayList<>(
				List.of("1栋-1单元-1002", "10栋-1单元-101", "1栋-1单元-301", "2栋-1单元-101", "1栋-2单元-101", "商业楼-S101"));
		codes.sort(ArrearsList::compareNaturally);
		assertThat(codes).containsExactly("1栋-1单元-301", "1栋-1单元-1002", "1栋-2单元-101", "2栋-1单元-101", "10栋-1单元-101",
				"商业楼-S101");
		assertThat(ArrearsList.compareNaturally("1栋-1单元-0301", "1栋-1单元-301")).isZero();
	}

}
