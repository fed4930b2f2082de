package org.linli.shared;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.linli.billing.runs.BillingRuns;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a page view asks of the database, counted on the connections the request thread
 * uses: every round trip costs the application a tenth of a simple page, so a page reads
 * nothing twice, and neither its plain-SQL reads nor the read of the session open a
 * transaction (a COMMIT is a round trip).
 */
@Import(PageStatementsIntegrationTests.Counting.class)
class PageStatementsIntegrationTests extends IntegrationTest {

	@Autowired
	BillingRuns runs;

	static final List<String> STATEMENTS = Collections.synchronizedList(new ArrayList<>());

	static final AtomicInteger COMMITS = new AtomicInteger();

	@Test
	void aListPageReadsEachThingOnceWithoutTransactions() {
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		createRoom(building, "1单元", 1, "101");
		createRoom(building, "1单元", 1, "102");

		List<String> statements = viewedAgain(manager(community), "/admin/communities/" + community + "/rooms");

		assertThat(statements).doesNotHaveDuplicates()
			.anyMatch((sql) -> sql.contains("FROM room"))
			// the page's community and the communities the member may switch to: one read
			.satisfiesOnlyOnce((sql) -> assertThat(sql).containsPattern("FROM community\\b"));
		assertThat(COMMITS).hasValue(0);
	}

	@Test
	void theStaffHomeReadsEachThingOnceWithoutTransactions() {
		long community = createCommunity();

		List<String> statements = viewedAgain(manager(community), "/admin");

		assertThat(statements).doesNotHaveDuplicates()
			.anyMatch((sql) -> sql.contains("FROM community"))
			// the collection tile's month summed in one statement, not its ledger rows
			.satisfiesOnlyOnce((sql) -> assertThat(sql).containsAnyOf("FROM ledger_billed", "FROM ledger_settled"))
			// the collection tile needs neither building names nor the figures' time
			.noneMatch((sql) -> sql.contains("FROM building"))
			.noneMatch((sql) -> sql.contains("FROM ledger_refresh"));
		assertThat(COMMITS).hasValue(0);
	}

	@Test
	void theIncomeAndExpenseReadsEachSourceOnceForBothYears() {
		long community = createCommunity();
		String finance = createStaff(List.of("FINANCE"), List.of(community));
		WebSession browser = WebSession.signIn(this.api.base(), finance, "password-123");

		List<String> statements = viewedAgain(browser, "/admin/communities/" + community + "/stats/income-expense");

		assertThat(statements).doesNotHaveDuplicates()
			.anyMatch((sql) -> sql.contains("FROM ledger_settled"))
			.anyMatch((sql) -> sql.contains("FROM expense"))
			.anyMatch((sql) -> sql.contains("FROM work_order"))
			// income is what was received: what was billed is not read
			.noneMatch((sql) -> sql.contains("FROM ledger_billed"));
	}

	@Test
	void aWorkOrderListReadsEachThingOnceWithoutTransactions() {
		long community = createCommunity();

		List<String> statements = viewedAgain(manager(community), "/admin/communities/" + community + "/work-orders");

		assertThat(statements).doesNotHaveDuplicates().anyMatch((sql) -> sql.contains("FROM work_order"));
		assertThat(COMMITS).hasValue(0);
	}

	@Test
	void complaintEquipmentAndActivityListsReadWithoutTransactions() {
		long community = createCommunity();

		eachReadsOnceWithoutTransactions(manager(community), community, "complaints", "equipment", "activities");
	}

	@Test
	void routesSettingsRunsAndDeliveriesReadEachThingOnceWithoutTransactions() {
		long community = createCommunity();
		String manager = createStaff(List.of("MANAGER", "FINANCE"), List.of(community));
		String token = this.api.token(manager, "password-123");
		WebSession browser = WebSession.signIn(this.api.base(), manager, "password-123");
		String rounds = "/admin/communities/" + community + "/inspection-rounds";
		// inspection routes (and today's rounds of them): their checkpoints and assignees
		// are read for all of them at once
		List<Integer> sent = new java.util.ArrayList<>();
		for (String route : List.of("消防日巡", "夜间巡查")) {
			assertThat(this.api.post("/api/v1/communities/" + community + "/inspection-plans", token,
					Map.of("name", route, "frequency", "DAILY", "windowStart", "00:00", "windowEnd", "23:59",
							"startDate", this.clock.today().toString(), "checkpoints",
							List.of(Map.of("name", "地下车库", "items", List.of("通道畅通")))))
				.status()).isEqualTo(201);
			sent.add(viewedAgain(browser, rounds).size());
			assertThat(COMMITS).as(rounds).hasValue(0);
		}
		assertThat(sent.get(1)).as(rounds).isEqualTo(sent.get(0));

		eachReadsOnceWithoutTransactions(browser, community, "work-order-overview", "billing-runs", "fee-items",
				"notifications");
	}

	@Test
	void aResidentsBillsAndHomeReadEachThingOnceWithoutTransactions() {
		long community = createCommunity();
		long room = createRoom(createBuilding(community, "1栋"), "1单元", 1, "101");
		String finance = staffToken(List.of("FINANCE"), List.of(community));
		YearMonth month = YearMonth.now(this.clock);
		long fee = this.api.post("/api/v1/communities/" + community + "/fee-items", finance,
				Map.of("name", "物业费", "method", "FIXED", "amount", "100.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", month.toString()))
			.id();
		long run = this.api
			.post("/api/v1/communities/" + community + "/billing-runs", finance,
					Map.of("period", month.toString(), "feeItemIds", List.of(fee)))
			.id();
		for (int i = 0; i < 200 && !"COMPLETED"
			.equals(this.api.get("/api/v1/billing-runs/" + run, finance).json().get("status").asString()); i++) {
			this.runs.pickUp();
		}
		String phone = "13" + String.format("%09d", (long) (Math.random() * 1_000_000_000L));
		long resident = this.api.post("/api/v1/residents", admin(),
				Map.of("name", "住户甲", "phone", phone, "communityId", community, "roomId", room, "role", "OWNER",
						"since", month.minusYears(1).atDay(1).toString(), "confirmDuplicate", true))
			.id();
		this.api.post("/api/v1/portal/activate", null,
				Map.of("phone", phone, "code", invite(resident), "password", "resident-pass-1"));
		String token = this.api.token(phone, "resident-pass-1");
		WebSession browser = WebSession.anonymous(this.api.base());
		browser.get("/portal/login");
		browser.postForm("/portal/login", Map.of("phone", phone, "password", "resident-pass-1"));
		// orders of the month's line, each shown with what its line owes now
		assertThat(this.api.post("/api/v1/me/payment-orders", token, Map.of("roomId", room)).status()).isEqualTo(201);
		List<String> withOne = viewedAgain(browser, "/portal/bills");
		for (int i = 0; i < 2; i++) {
			assertThat(this.api.post("/api/v1/me/payment-orders", token, Map.of("roomId", room)).status())
				.isEqualTo(201);
		}

		List<String> withThree = viewedAgain(browser, "/portal/bills");

		assertThat(withThree).anyMatch((sql) -> sql.contains("FROM payment_order")).hasSameSizeAs(withOne);
		// the rooms the resident lives in, asked by the page's bills, payments and orders
		assertThat(withThree).filteredOn((sql) -> sql.contains("min(since) FROM occupancy")).hasSize(1);
		assertThat(COMMITS).hasValue(0);
		// a second home: its prepaid account read with the first's
		long second = createRoom(createBuilding(community, "2栋"), "1单元", 1, "101");
		assertThat(this.api
			.post("/api/v1/rooms/" + second + "/occupancies", admin(),
					Map.of("residentId", resident, "role", "OWNER", "since", month.minusYears(1).atDay(1).toString()))
			.status()).isEqualTo(201);
		List<String> twoHomes = viewedAgain(browser, "/portal/bills");
		assertThat(twoHomes).hasSameSizeAs(withThree)
			.satisfiesOnlyOnce((sql) -> assertThat(sql).contains("FROM prepaid_entry"));
		assertThat(COMMITS).hasValue(0);

		// the portal's home: the resident's homes once for its notices, their count and
		// the
		// activities
		List<String> home = viewedAgain(browser, "/portal");
		assertThat(home).doesNotHaveDuplicates().anyMatch((sql) -> sql.contains("FROM announcement"));
		assertThat(COMMITS).hasValue(0);
	}

	/**
	 * Each of a community's pages, viewed again, reads nothing twice and commits nothing.
	 */
	private static void eachReadsOnceWithoutTransactions(WebSession browser, long community, String... pages) {
		for (String page : pages) {
			String path = "/admin/communities/" + community + "/" + page;

			List<String> statements = viewedAgain(browser, path);

			assertThat(statements).as(path).doesNotHaveDuplicates();
			assertThat(COMMITS).as(path).hasValue(0);
		}
	}

	private WebSession manager(long community) {
		String manager = createStaff(List.of("MANAGER"), List.of(community));
		return WebSession.signIn(this.api.base(), manager, "password-123");
	}

	/**
	 * What the page sends when viewed a second time (the first sets the CSRF cookie, as a
	 * browser's first page does).
	 */
	private static List<String> viewedAgain(WebSession browser, String path) {
		assertThat(browser.get(path).statusCode()).as(path).isEqualTo(200);
		return count(() -> assertThat(browser.get(path).statusCode()).as(path).isEqualTo(200));
	}

	private static List<String> count(Runnable request) {
		synchronized (STATEMENTS) {
			STATEMENTS.clear();
			COMMITS.set(0);
		}
		request.run();
		synchronized (STATEMENTS) {
			return List.copyOf(STATEMENTS);
		}
	}

	/** The application's data source, counting what request threads send through it. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Counting {

		@Bean
		static BeanPostProcessor countingDataSource() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return (bean instanceof DataSource dataSource && name.equals("dataSource"))
							? counted(dataSource, DataSource.class) : bean;
				}
			};
		}

		private static Object counted(Object target, Class<?> type) {
			return Proxy.newProxyInstance(Counting.class.getClassLoader(), new Class<?>[] { type },
					(proxy, method, args) -> {
						boolean request = Thread.currentThread().getName().startsWith("http-nio");
						String name = method.getName();
						if (request && type == Connection.class && name.startsWith("prepare")) {
							STATEMENTS.add((String) args[0]);
						}
						else if (request && type == Connection.class && name.equals("commit")) {
							COMMITS.incrementAndGet();
						}
						else if (request && type == Statement.class && name.startsWith("execute") && args != null
								&& args.length > 0 && args[0] instanceof String sql) {
							STATEMENTS.add(sql);
						}
						Object result;
						try {
							result = method.invoke(target, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
						if (type == DataSource.class && name.equals("getConnection")) {
							return counted(result, Connection.class);
						}
						return (type == Connection.class && name.equals("createStatement"))
								? counted(result, Statement.class) : result;
					});
		}

	}

}
