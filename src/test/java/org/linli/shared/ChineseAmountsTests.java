package org.linli.shared;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ChineseAmountsTests {

	@ParameterizedTest
	@CsvSource({ "1234.00, 壹仟贰佰叁拾肆元整", "1005.07, 壹仟零伍元零柒分", "0.50, 伍角", "10.30, 壹拾元叁角", "0.00, 零元整", "0.05, 伍分",
			"1.05, 壹元零伍分", "10.00, 壹拾元整", "15.00, 壹拾伍元整", "100.00, 壹佰元整", "101.00, 壹佰零壹元整", "110.00, 壹佰壹拾元整",
			"1000.50, 壹仟元伍角", "10001.00, 壹万零壹元整", "100010.00, 壹拾万零壹拾元整", "1001000.00, 壹佰万壹仟元整", "1000100.00, 壹佰万零壹佰元整",
			"100000000.00, 壹亿元整", "100000001.00, 壹亿零壹元整", "123456789.12, 壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分",
			"219.43, 贰佰壹拾玖元肆角叁分" })
	void capitals(String amount, String expected) {
		assertThat(ChineseAmounts.of(Money.of(amount))).isEqualTo(expected);
	}

}
