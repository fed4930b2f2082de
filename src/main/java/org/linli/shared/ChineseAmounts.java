package org.linli.shared;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Amounts in Chinese capitals (大写金额) as financial documents write them: 1,234.00 is
 * 壹仟贰佰叁拾肆元整, 1,005.07 is 壹仟零伍元零柒分, 0.50 is 伍角, 10.30 is 壹拾元叁角. Runs of zeros become one
 * 零, never at the end of a section; 拾 always has its digit (壹拾).
 */
public final class ChineseAmounts {

	private static final String DIGITS = "零壹贰叁肆伍陆柒捌玖";

	private static final String[] PLACES = { "", "拾", "佰", "仟" };

	private static final String[] SECTIONS = { "", "万", "亿", "万亿" };

	private ChineseAmounts() {
	}

	public static String of(Money money) {
		BigDecimal amount = money.amount();
		if (amount.signum() < 0) {
			return "负" + of(Money.of(amount.negate()));
		}
		BigInteger fen = amount.movePointRight(2).toBigIntegerExact();
		BigInteger[] yuanAndRest = fen.divideAndRemainder(BigInteger.valueOf(100));
		BigInteger yuan = yuanAndRest[0];
		int jiao = yuanAndRest[1].intValue() / 10;
		int cents = yuanAndRest[1].intValue() % 10;
		StringBuilder text = new StringBuilder();
		if (yuan.signum() > 0) {
			text.append(integer(yuan)).append('元');
		}
		if (jiao == 0 && cents == 0) {
			return (text.length() == 0) ? "零元整" : text.append('整').toString();
		}
		if (jiao > 0) {
			text.append(DIGITS.charAt(jiao)).append('角');
		}
		else if (yuan.signum() > 0) {
			text.append('零');
		}
		if (cents > 0) {
			text.append(DIGITS.charAt(cents)).append('分');
		}
		return text.toString();
	}

	private static String integer(BigInteger value) {
		String digits = value.toString();
		int sections = (digits.length() + 3) / 4;
		if (sections > SECTIONS.length) {
			throw new IllegalArgumentException("Amount too large: " + value);
		}
		StringBuilder text = new StringBuilder();
		boolean pendingZero = false;
		for (int s = sections - 1; s >= 0; s--) {
			int end = digits.length() - s * 4;
			int section = Integer.parseInt(digits.substring(Math.max(0, end - 4), end));
			if (section == 0) {
				pendingZero = text.length() > 0;
				continue;
			}
			if (text.length() > 0 && (pendingZero || section < 1000)) {
				text.append('零');
			}
			text.append(section(section)).append(SECTIONS[s]);
			pendingZero = false;
		}
		return text.toString();
	}

	private static String section(int value) {
		StringBuilder text = new StringBuilder();
		boolean zero = false;
		for (int place = 3; place >= 0; place--) {
			int digit = (value / (int) Math.pow(10, place)) % 10;
			if (digit == 0) {
				zero = text.length() > 0;
				continue;
			}
			if (zero) {
				text.append('零');
			}
			text.append(DIGITS.charAt(digit)).append(PLACES[place]);
			zero = false;
		}
		return text.toString();
	}

}
