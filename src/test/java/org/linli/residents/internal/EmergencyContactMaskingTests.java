package org.linli.residents.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Numbers in an emergency contact are masked however they are written. */
class EmergencyContactMaskingTests {

	@Test
	void everyWayOfWritingANumberIsMasked() {
		assertThat(ResidentService.maskDigits("丈夫 13812345678")).isEqualTo("丈夫 138****5678");
		assertThat(ResidentService.maskDigits("妻子 138 1234 5678")).isEqualTo("妻子 138 **** 5678");
		assertThat(ResidentService.maskDigits("母亲 138-1234-5678")).isEqualTo("母亲 138-****-5678");
		assertThat(ResidentService.maskDigits("儿子 １３８１２３４５６７８")).isEqualTo("儿子 １３８****５６７８");
		assertThat(ResidentService.maskDigits("单位 (0571) 8888 1234")).isEqualTo("单位 (057*) **** 1234");
		assertThat(ResidentService.maskDigits("+86 138 1234 5678")).isEqualTo("+86 1** **** 5678");
		assertThat(ResidentService.maskDigits("张三、李四 两人")).isEqualTo("张三、李四 两人");
		assertThat(ResidentService.maskDigits("3号楼 2单元")).isEqualTo("3号楼 2单元");
		assertThat(ResidentService.maskDigits(null)).isNull();
	}

}
