package org.linli.billing.payments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Random;

import org.linli.billing.PaymentMethod;
import org.linli.billing.bills.Bills;
import org.linli.identity.CommunityDirectory;
import org.linli.shared.Money;
import org.linli.shared.Seed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payments' demo data, after the demo bills: most rooms have paid this month's lines
 * at the counter (cash, WeChat or Alipay collected offline, bank transfer), some paid
 * part, a few keep a prepaid balance, the rest owe — so the first start shows receipts, a
 * cashier's day and arrears.
 */
@Component
@Order(90)
class DemoPayments implements Seed {

	private static final Logger log = LoggerFactory.getLogger(DemoPayments.class);

	private static final PaymentMethod[] METHODS = { PaymentMethod.CASH, PaymentMethod.WECHAT, PaymentMethod.ALIPAY,
			PaymentMethod.BANK_TRANSFER, PaymentMethod.POS };

	private final JdbcClient jdbc;

	private final Ledger ledger;

	private final Bills bills;

	private final Payments payments;

	private final CommunityDirectory communities;

	private final TransactionTemplate transactions;

	private final boolean enabled;

	DemoPayments(JdbcClient jdbc, Ledger ledger, Bills bills, Payments payments, CommunityDirectory communities,
			TransactionTemplate transactions, @Value("${linli.demo-data:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.bills = bills;
		this.payments = payments;
		this.communities = communities;
		this.transactions = transactions;
		this.enabled = enabled;
	}

	@Override
	public void seed() {
		long existing = this.jdbc.sql("SELECT count(*) FROM payment").query(Long.class).single();
		long billed = this.jdbc.sql("SELECT count(*) FROM bill").query(Long.class).single();
		if (!this.enabled || existing > 0 || billed == 0) {
			return;
		}
		Random random = new Random(11);
		int count = 0;
		for (CommunityDirectory.CommunityRef community : this.communities.allCommunities()) {
			List<Long> rooms = this.jdbc.sql(
					"SELECT DISTINCT room_id FROM bill WHERE community_id = ? AND room_id IS NOT NULL ORDER BY room_id")
				.param(community.id())
				.query(Long.class)
				.list();
			// one transaction a community: the demo's first start is not kept waiting on
			// a
			// commit per payment
			count += this.transactions.execute((all) -> {
				int paid = 0;
				for (Long room : rooms) {
					int dice = random.nextInt(100);
					if (dice >= 75) {
						continue; // owes: arrears to chase
					}
					PaymentMethod method = METHODS[random.nextInt(METHODS.length)];
					String reference = !method.needsReference() ? null : "DEMO" + (100000 + random.nextInt(900000));
					List<Bills.BillLine> open = this.bills.lockOpenLines(room, this.payments.today());
					Money owed = open.stream().map(Bills.BillLine::outstanding).reduce(Money.ZERO, Money::plus);
					if (!owed.isPositive()) {
						continue;
					}
					Money amount = (dice < 60) ? owed
							: (dice < 70) ? Money.of(owed.amount().divide(BigDecimal.valueOf(2), 0, RoundingMode.DOWN))
									: owed.plus(Money.of("200.00"));
					if (!amount.isPositive()) {
						continue;
					}
					this.ledger.settle(Ledger.Settlement.atCounter(community.id(), room, amount, method, reference,
							null, dice >= 70, this.payments.ownersOf(room), Ledger.Taker.demo("演示收费员"), null));
					paid++;
				}
				return paid;
			});
		}
		log.info("Seeded {} demo payments", count);
	}

	/**
	 * After the repairs' demo (order 130): the first chargeable repair was paid at the
	 * desk in cash, so that a newcomer sees a repair charge billed and paid.
	 */
	@Component
	@Order(140)
	static class RepairCharges implements Seed {

		private final JdbcClient jdbc;

		private final Ledger ledger;

		private final Bills bills;

		private final Payments payments;

		private final TransactionTemplate transactions;

		private final boolean enabled;

		RepairCharges(JdbcClient jdbc, Ledger ledger, Bills bills, Payments payments, TransactionTemplate transactions,
				@Value("${linli.demo-data:true}") boolean enabled) {
			this.jdbc = jdbc;
			this.ledger = ledger;
			this.bills = bills;
			this.payments = payments;
			this.transactions = transactions;
			this.enabled = enabled;
		}

		@Override
		public void seed() {
			if (!this.enabled) {
				return;
			}
			this.jdbc.sql("""
					SELECT b.id, b.community_id, b.room_id FROM bill b JOIN fee_item f ON f.id = b.fee_item_id
					WHERE f.charge_kind = 'REPAIR'
					  AND NOT EXISTS (SELECT 1 FROM payment_allocation a JOIN bill r ON r.id = a.bill_id
					                  JOIN fee_item rf ON rf.id = r.fee_item_id WHERE rf.charge_kind = 'REPAIR')
					ORDER BY b.id LIMIT 1""")
				.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) })
				.optional()
				.ifPresent((line) -> this.transactions.executeWithoutResult((status) -> {
					Money owed = this.bills.lockOpenLines(line[2], this.payments.today())
						.stream()
						.filter((l) -> l.id() == line[0])
						.map(Bills.BillLine::outstanding)
						.findFirst()
						.orElse(Money.ZERO);
					if (owed.isPositive()) {
						this.ledger.settle(Ledger.Settlement.atCounter(line[1], line[2], owed, PaymentMethod.CASH, null,
								List.of(line[0]), false, this.payments.ownersOf(line[2]), Ledger.Taker.demo("演示收费员"),
								null));
					}
				}));
		}

	}

}
