package org.linli.statistics.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.linli.identity.CommunityDirectory;
import org.linli.identity.ActingStaff;
import org.linli.identity.Role;
import org.linli.identity.StaffDirectory;
import org.linli.shared.Seed;
import org.linli.shared.Times;
import org.linli.statistics.ExpenseCategory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first community's spending over the last fourteen months, recorded by its finance
 * clerk through the same service as real expenses: public utilities, cleaning, security
 * and wages every month, greening every quarter, and one mistyped bill reversed — so the
 * income and expense report has a year to compare with the one before.
 */
@Component
@Order(160)
class DemoExpenses implements Seed {

	private static final Logger log = LoggerFactory.getLogger(DemoExpenses.class);

	private final JdbcClient jdbc;

	private final Expenses expenses;

	private final CommunityDirectory communities;

	private final StaffDirectory staff;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final boolean enabled;

	DemoExpenses(JdbcClient jdbc, Expenses expenses, CommunityDirectory communities, StaffDirectory staff,
			TransactionTemplate transactions, Clock clock, @Value("${linli.demo-data:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.expenses = expenses;
		this.communities = communities;
		this.staff = staff;
		this.transactions = transactions;
		this.clock = clock;
		this.enabled = enabled;
	}

	@Override
	public void seed() {
		if (!this.enabled || this.communities.allCommunities().isEmpty()
				|| this.jdbc.sql("SELECT count(*) FROM expense").query(Long.class).single() > 0) {
			return;
		}
		long community = this.communities.allCommunities().get(0).id();
		Optional<StaffDirectory.StaffRef> clerk = this.staff.inCommunity(community)
			.stream()
			.filter((p) -> !p.allCommunities()
					&& (p.roles().contains(Role.FINANCE) || p.roles().contains(Role.MANAGER)))
			.findFirst();
		if (clerk.isEmpty()) {
			return;
		}
		int made = this.transactions.execute((status) -> as(clerk.get(), () -> seed(community)));
		log.info("Seeded {} demo expenses", made);
	}

	private int seed(long community) {
		LocalDate today = Times.today(this.clock);
		int made = 0;
		for (int back = 13; back >= 0; back--) {
			LocalDate month = today.withDayOfMonth(1).minusMonths(back);
			LocalDate paid = month.plusDays(9);
			if (paid.isAfter(today)) {
				paid = today;
			}
			int seasonal = (month.getMonthValue() >= 6 && month.getMonthValue() <= 9) ? 1800 : 0;
			record(community, paid, ExpenseCategory.UTILITIES, 6200 + seasonal + back * 35, "国网电力、自来水公司",
					"公共区域照明、电梯、水泵用电及绿化用水");
			record(community, paid, ExpenseCategory.CLEANING, 8800, "洁美保洁服务有限公司", "保洁外包月费");
			record(community, paid, ExpenseCategory.SECURITY, 15600, "安盾保安服务有限公司", "秩序维护外包月费");
			record(community, paid.plusDays(5).isAfter(today) ? paid : paid.plusDays(5), ExpenseCategory.LABOUR, 21000,
					"物业服务中心员工", "管理人员工资及社保");
			made += 4;
			if (month.getMonthValue() % 3 == 0) {
				record(community, paid, ExpenseCategory.GREENING, 4500, "绿源园林", "季度修剪、补植与病虫害防治");
				made++;
			}
		}
		// a bill typed twice this month: reversed with its reason
		LocalDate first = today.withDayOfMonth(1);
		Expenses.ExpenseView twice = record(community, first, ExpenseCategory.OTHER, 680, "办公用品商店", "打印纸、墨盒");
		record(community, first, ExpenseCategory.OTHER, 680, "办公用品商店", "打印纸、墨盒");
		this.expenses.reverse(twice.id(), "重复登记");
		return made + 3;
	}

	private Expenses.ExpenseView record(long community, LocalDate date, ExpenseCategory category, int amount,
			String payee, String note) {
		return this.expenses.record(community,
				new Expenses.NewExpense(date, category, BigDecimal.valueOf(amount).setScale(2), payee, note));
	}

	private <T> T as(StaffDirectory.StaffRef person, java.util.function.Supplier<T> work) {
		return ActingStaff.as(person, Role.FINANCE, work);
	}

}
