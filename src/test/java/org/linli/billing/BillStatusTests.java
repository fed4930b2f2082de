package org.linli.billing;

import org.junit.jupiter.api.Test;
import org.linli.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;

/** A line's status and what it owes follow from its figures alone. */
class BillStatusTests {

	private static final Money ZERO = Money.ZERO;

	@Test
	void nothingPaidIsUnpaidAndPartOfItPartiallyPaid() {
		assertThat(BillStatus.of(m("100.00"), ZERO, ZERO, ZERO, false)).isEqualTo(BillStatus.UNPAID);
		assertThat(BillStatus.of(m("100.00"), ZERO, ZERO, m("0.01"), false)).isEqualTo(BillStatus.PARTIALLY_PAID);
		assertThat(BillStatus.outstanding(m("100.00"), ZERO, ZERO, m("0.01"), false)).isEqualTo(m("99.99"));
	}

	@Test
	void lateFeesAreOwedToo() {
		assertThat(BillStatus.of(m("100.00"), m("1.50"), ZERO, m("100.00"), false))
			.isEqualTo(BillStatus.PARTIALLY_PAID);
		assertThat(BillStatus.outstanding(m("100.00"), m("1.50"), ZERO, m("100.00"), false)).isEqualTo(m("1.50"));
		assertThat(BillStatus.of(m("100.00"), m("1.50"), ZERO, m("101.50"), false)).isEqualTo(BillStatus.PAID);
	}

	@Test
	void settledByWaiversAloneIsWaivedAndWithAPaymentPaid() {
		assertThat(BillStatus.of(m("100.00"), ZERO, m("100.00"), ZERO, false)).isEqualTo(BillStatus.WAIVED);
		assertThat(BillStatus.of(m("100.00"), ZERO, m("40.00"), m("60.00"), false)).isEqualTo(BillStatus.PAID);
	}

	@Test
	void cancelledOwesNothingWhateverItsFigures() {
		assertThat(BillStatus.of(m("100.00"), m("5.00"), ZERO, ZERO, true)).isEqualTo(BillStatus.CANCELLED);
		assertThat(BillStatus.outstanding(m("100.00"), m("5.00"), ZERO, ZERO, true)).isEqualTo(ZERO);
	}

	@Test
	void neverOwesLessThanNothing() {
		assertThat(BillStatus.outstanding(m("100.00"), ZERO, m("60.00"), m("60.00"), false)).isEqualTo(ZERO);
		assertThat(BillStatus.of(m("100.00"), ZERO, m("60.00"), m("60.00"), false)).isEqualTo(BillStatus.PAID);
	}

	@Test
	void onlyUnpaidAndPartlyPaidLinesAreOpen() {
		assertThat(BillStatus.values()).filteredOn(BillStatus::isOpen)
			.containsExactly(BillStatus.UNPAID, BillStatus.PARTIALLY_PAID);
	}

	@Test
	void onlyCounterMethodsAreOfferedAtTheDeskAndOnlyPrepaidIssuesNoReceipt() {
		assertThat(PaymentMethod.atCounter()).containsExactly(PaymentMethod.CASH, PaymentMethod.BANK_TRANSFER,
				PaymentMethod.POS, PaymentMethod.WECHAT, PaymentMethod.ALIPAY);
		assertThat(PaymentMethod.values()).filteredOn((m) -> !m.issuesReceipt()).containsExactly(PaymentMethod.PREPAID);
		assertThat(PaymentMethod.BANK_TRANSFER.needsReference()).isTrue();
		assertThat(PaymentMethod.CASH.needsReference()).isFalse();
	}

	private static Money m(String amount) {
		return Money.of(amount);
	}

}
