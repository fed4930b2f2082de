package org.linli.operations;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.linli.LinliApplication;
import org.linli.billing.runs.BillingRuns;
import org.linli.shared.Times;
import org.linli.support.Api;
import org.linli.support.BillingRunner;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linli.support.HttpAssert.assertThat;

/**
 * The proof that a backup restores: one is taken while payments are being written, put
 * into a fresh data folder with the restore command's own code, and Linli started on it
 * finds every payment committed before the backup began, with a ledger that balances. The
 * restore refuses a live folder and a damaged file, and only the administrator may make
 * or list backups.
 */
class BackupRestoreIntegrationTests extends IntegrationTest {

	@Autowired
	BillingRuns runs;

	@Value("${linli.data-dir}")
	String dataDir;

	private record Paid(long id, String amount) {
	}

	@Test
	void aBackupTakenWhilePaymentsAreWrittenRestoresEveryOneCommittedBeforeIt() throws Exception {
		long community = createCommunity();
		long building = createBuilding(community, "1栋");
		List<Long> rooms = new ArrayList<>();
		for (int i = 1; i <= 4; i++) {
			rooms.add(createRoom(building, "1单元", 1, "10" + i));
		}
		String finance = staffToken(List.of("FINANCE"), List.of(community));
		YearMonth now = YearMonth.now(this.clock.withZone(Times.zone()));
		// bills large enough that the clients below cannot pay them off however long the
		// backup takes (with 80.00 a month they did, on a slow run, and the next payment
		// was
		// refused as more than was owed)
		long fee = this.api.post("/api/v1/communities/" + community + "/fee-items", finance,
				Map.of("name", "物业费", "method", "FIXED", "amount", "8000.00", "cycle", "MONTHLY", "dueDay", 15,
						"appliesTo", "ALL_ROOMS", "effectiveFrom", now.minusMonths(2).toString()))
			.id();
		BillingRunner billing = new BillingRunner(this.api, this.runs);
		for (int back = 2; back >= 0; back--) {
			billing.run(community, finance, now.minusMonths(back), List.of(fee));
		}

		// two clients pay, one small amount after another, until told to stop
		List<Paid> committed = new CopyOnWriteArrayList<>();
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService clients = Executors.newFixedThreadPool(2);
		List<Future<?>> running = new ArrayList<>();
		for (int c = 0; c < 2; c++) {
			int client = c;
			running.add(clients.submit(() -> {
				for (int n = 0; writing.get(); n++) {
					String amount = (n % 7 + 1) + "." + (10 + client);
					Api.Response paid = this.api.post(
							"/api/v1/payments", finance, Map.of("roomId", rooms.get((n + client) % rooms.size()),
									"amount", amount, "method", "CASH"),
							"Idempotency-Key", UUID.randomUUID().toString());
					assertThat(paid).hasStatus(201);
					committed.add(new Paid(paid.id(), paid.json().get("amount").asString()));
				}
				return null;
			}));
		}
		waitFor(() -> committed.size() >= 20);
		List<Paid> beforeBackup = List.copyOf(committed);
		Api.Response made = this.api.post("/api/v1/backups", admin(), Map.of());
		assertThat(made).hasStatus(201);
		int atEnd = committed.size();
		waitFor(() -> committed.size() >= atEnd + 10);
		writing.set(false);
		for (Future<?> client : running) {
			client.get(30, TimeUnit.SECONDS);
		}
		clients.shutdown();
		assertThat(committed.size()).isGreaterThan(beforeBackup.size() + 10);

		JsonNode backup = made.json();
		String fileName = backup.get("fileName").asString();
		assertThat(fileName).matches("linli-\\d{8}-\\d{6}(-\\d+)?\\.zip");
		Path backups = Path.of(this.dataDir, "backups").toAbsolutePath();
		Path file = backups.resolve(fileName);
		assertThat(Files.size(file)).isEqualTo(backup.get("size").asLong());
		assertThat(Restore.sha256(file)).isEqualTo(backup.get("sha256").asString());
		assertThat(Files.readString(backups.resolve(fileName + ".sha256"))).startsWith(backup.get("sha256").asString());
		JsonNode listed = this.api.get("/api/v1/backups", admin()).json();
		assertThat(listed.findValuesAsString("fileName")).contains(fileName);

		// restored into a fresh folder, with the command's own code
		Path fresh = Path.of("target", "restore-" + UUID.randomUUID()).toAbsolutePath();
		Restore.restore(fresh, backups, fileName, Clock.systemUTC());
		assertThat(fresh.resolve("postgres/backup_label")).exists();
		assertThat(fresh.resolve("postgres/postmaster.pid")).doesNotExist();
		// owner-only, folders and files alike
		assertThat(java.nio.file.attribute.PosixFilePermissions
			.toString(Files.getPosixFilePermissions(fresh.resolve("postgres")))).isEqualTo("rwx------");
		assertThat(java.nio.file.attribute.PosixFilePermissions
			.toString(Files.getPosixFilePermissions(fresh.resolve("postgres/PG_VERSION")))).isEqualTo("rw-------");
		try (var leftovers = Files.list(fresh)) {
			assertThat(leftovers.map((p) -> p.getFileName().toString())).noneMatch((n) -> n.startsWith(".restore-"));
		}

		// (arguments, which outrank the tests' configuration file)
		try (ConfigurableApplicationContext restored = new SpringApplicationBuilder(LinliApplication.class).run(
				"--linli.data-dir=" + fresh, "--linli.embedded-db.ephemeral=false", "--server.port=0",
				"--linli.demo-data=false")) {
			assertThat(restored.getBean(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class)
				.getJdbcUrl("postgres", "postgres")).isNotEmpty();
			assertThat(fresh.resolve("postgres/postmaster.pid")).exists();
			JdbcClient jdbc = restored.getBean(JdbcClient.class);
			for (Paid paid : beforeBackup) {
				assertThat(jdbc.sql("SELECT amount FROM payment WHERE id = ?")
					.param(paid.id())
					.query(BigDecimal.class)
					.optional()).as("payment %d", paid.id()).contains(new BigDecimal(paid.amount()));
			}
			// the ledger balances: every payment is spent on lines and the prepaid
			// account,
			// no line is paid beyond its amount, and the prepaid account holds what went
			// in
			assertThat(jdbc
				.sql("""
						SELECT count(*) FROM payment p
						WHERE p.community_id = ?
						  AND p.amount <> p.to_prepaid + coalesce((SELECT sum(a.amount) FROM payment_allocation a WHERE a.payment_id = p.id), 0)""")
				.param(community)
				.query(Long.class)
				.single()).isZero();
			assertThat(jdbc
				.sql("""
						SELECT count(*) FROM bill b
						WHERE b.community_id = ?
						  AND (SELECT coalesce(sum(a.amount), 0) FROM payment_allocation a WHERE a.bill_id = b.id) > b.amount""")
				.param(community)
				.query(Long.class)
				.single()).isZero();
			assertThat(jdbc
				.sql("SELECT coalesce(sum(amount), 0) FROM prepaid_entry WHERE kind = 'DEPOSIT' AND room_id = ANY (?)")
				.param(rooms.toArray(new Long[0]))
				.query(BigDecimal.class)
				.single()).isEqualByComparingTo(
						jdbc.sql("SELECT coalesce(sum(to_prepaid), 0) FROM payment WHERE community_id = ?")
							.param(community)
							.query(BigDecimal.class)
							.single());
			// and the restored Linli serves them: the first payment, through its API, to
			// the administrator of the backup
			int port = ((WebServerApplicationContext) restored).getWebServer().getPort();
			Api onRestored = new Api(port);
			String token = onRestored.token("admin", ADMIN_PASSWORD);
			assertThat(onRestored.get("/api/v1/payments/" + beforeBackup.get(0).id(), token)).hasStatus(200);
		}
	}

	@Test
	void theRestoreRefusesALiveFolderADamagedFileAndAStrangeName() throws Exception {
		Api.Response made = this.api.post("/api/v1/backups", admin(), Map.of());
		assertThat(made).hasStatus(201);
		String fileName = made.json().get("fileName").asString();
		Path backups = Path.of(this.dataDir, "backups").toAbsolutePath();

		// a folder whose PostgreSQL runs (here: this very process holds its lock file)
		Path live = Path.of("target", "restore-" + UUID.randomUUID()).toAbsolutePath();
		Files.createDirectories(live.resolve("postgres"));
		Files.writeString(live.resolve("postgres/postmaster.pid"), ProcessHandle.current().pid() + "\n/x\n");
		assertThatThrownBy(() -> Restore.restore(live, backups, fileName, Clock.systemUTC()))
			.isInstanceOf(Restore.RestoreRefused.class)
			.hasMessageContaining("stop it first");
		assertThat(live.resolve("postgres/postmaster.pid")).exists();
		assertThat(live.resolve("postgres/PG_VERSION")).doesNotExist();
		// or whose database holds its lock file (as the embedded database does while it
		// runs)
		Path locked = Path.of("target", "restore-" + UUID.randomUUID()).toAbsolutePath();
		Files.createDirectories(locked.resolve("postgres"));
		try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(
				locked.resolve("postgres/epg-lock"), java.nio.file.StandardOpenOption.CREATE,
				java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock held = lock.lock()) {
			assertThatThrownBy(() -> Restore.restore(locked, backups, fileName, Clock.systemUTC()))
				.isInstanceOf(Restore.RestoreRefused.class)
				.hasMessageContaining("stop it first");
		}

		// a damaged copy: one byte changed
		Path elsewhere = Path.of("target", "backups-" + UUID.randomUUID()).toAbsolutePath();
		Files.createDirectories(elsewhere);
		byte[] content = Files.readAllBytes(backups.resolve(fileName));
		content[content.length / 2] ^= 0x20;
		Files.write(elsewhere.resolve(fileName), content);
		Files.copy(backups.resolve(fileName + ".sha256"), elsewhere.resolve(fileName + ".sha256"));
		Path fresh = Path.of("target", "restore-" + UUID.randomUUID()).toAbsolutePath();
		assertThatThrownBy(() -> Restore.restore(fresh, elsewhere, fileName, Clock.systemUTC()))
			.isInstanceOf(Restore.RestoreRefused.class)
			.hasMessageContaining("checksum");
		assertThat(fresh).doesNotExist();

		// the command: a path is not a file name; wrong usage is told apart
		assertThat(Restore.command(new String[] { "restore", "../secrets/personal-data.key" })).isEqualTo(1);
		assertThat(Restore.command(new String[] { "restore" })).isEqualTo(2);
	}

	@Test
	void onlyTheAdministratorMakesOrListsBackups() {
		long community = createCommunity();
		String manager = staffToken(List.of("MANAGER", "FINANCE"), List.of(community));
		assertThat(this.api.post("/api/v1/backups", manager, Map.of())).hasStatus(403);
		assertThat(this.api.get("/api/v1/backups", manager)).hasStatus(403);
		assertThat(this.api.get("/api/v1/backups", null)).hasStatus(401);
		long room = createRoom(createBuilding(community, "1栋"), "1单元", 1, "101");
		String resident = residentToken(community, room, "OWNER");
		assertThat(this.api.get("/api/v1/backups", resident)).hasStatus(403);
		String username = createStaff(List.of("MANAGER"), List.of(community));
		WebSession staff = WebSession.signIn(this.api.base(), username, "password-123");
		assertThat(staff.get("/admin/backups")).hasStatus(403);
		assertThat(staff.postForm("/admin/backups", Map.of())).hasStatus(403);
	}

	@Test
	void theAdministratorBacksUpFromThePageAndSeesTheList() {
		WebSession admin = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		var before = admin.get("/admin/backups");
		assertThat(before).hasStatus(200);
		assertThat(before.body()).contains("数据备份", "java -jar linli.jar restore");
		var posted = admin.postForm("/admin/backups", Map.of());
		assertThat(posted).hasStatus(302);
		var after = admin.get("/admin/backups");
		java.util.regex.Matcher made = java.util.regex.Pattern.compile("已完成备份 (linli-[0-9-]+\\.zip)")
			.matcher(after.body());
		assertThat(made.find()).as(after.body()).isTrue();
		assertThat(after.body()).contains("<td class=\"d-none d-sm-table-cell text-break\">" + made.group(1) + "</td>");
		assertThat(this.api.get("/api/v1/backups", admin()).json().findValuesAsString("fileName"))
			.contains(made.group(1));
	}

	private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
			Thread.sleep(50);
		}
		assertThat(condition.getAsBoolean()).isTrue();
	}

}
