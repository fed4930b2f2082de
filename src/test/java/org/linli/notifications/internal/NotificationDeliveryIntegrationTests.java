package org.linli.notifications.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.notifications.Channel;
import org.linli.notifications.Notifications;
import org.linli.notifications.Purpose;
import org.linli.support.Api;
import org.linli.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * Delivery against a local SMS gateway that accepts, fails and times out, and a local
 * mail server (GreenMail): retries with growing pauses and finally FAILED with the
 * reason; one key per message, so a message retried after a timeout or a stopped node is
 * recognised by the gateway; quiet hours, the daily limit and the resident's own choices.
 */
class NotificationDeliveryIntegrationTests extends IntegrationTest {

	/** What the local gateway does with the next requests. */
	enum Mode {

		ACCEPT, FAIL, SLOW

	}

	record Received(String authorization, String idempotencyKey, JsonNode body) {
	}

	static final List<Received> received = new CopyOnWriteArrayList<>();

	static volatile Mode mode = Mode.ACCEPT;

	static final HttpServer gateway;

	static final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		try {
			gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		gateway.createContext("/sms", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Mode now = mode;
			if (now == Mode.SLOW) {
				try {
					Thread.sleep(1500);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
					exchange.getRequestHeaders().getFirst("Idempotency-Key"), Api.JSON.readTree(body)));
			byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders((now == Mode.FAIL) ? 503 : 200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		gateway.setExecutor(Executors.newCachedThreadPool());
		gateway.start();
		mail.start();
	}

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		registry.add("linli.sms.provider", () -> "http");
		registry.add("linli.sms.http.url", () -> "http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms");
		registry.add("linli.sms.http.token", () -> "test-sms-token");
		registry.add("linli.sms.timeout", () -> "PT0.5S");
		registry.add("linli.notifications.max-attempts", () -> "3");
		registry.add("linli.notifications.backoff", () -> "PT1M");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
		registry.add("linli.notifications.mail-from", () -> "wuye@linli.test");
	}

	@AfterAll
	static void stopServers() {
		gateway.stop(0);
		mail.stop();
	}

	@Autowired
	Notifications notifications;

	@Autowired
	Courier courier;

	@Autowired
	Preferences preferences;

	private long community;

	private long resident;

	private String phone;

	@BeforeEach
	void aResident() {
		mode = Mode.ACCEPT;
		received.clear();
		// in the afternoon, outside the quiet hours
		this.clock.set(LocalDate.now(this.clock), 15, 0);
		this.community = createCommunity();
		long room = createRoom(createBuilding(this.community, "1栋"), "1单元", 1, "101");
		this.phone = "136" + String.format("%08d", (long) (Math.random() * 100_000_000L));
		this.resident = this.api
			.post("/api/v1/residents", admin(), Map.of("name", "赵六", "phone", this.phone, "communityId", this.community,
					"roomId", room, "role", "OWNER", "since", "2020-01-01", "confirmDuplicate", true))
			.id();
	}

	private List<Long> send(Set<Channel> channels, Purpose purpose) {
		return this.notifications.send(
				new Notifications.Notice(this.community, new Notifications.Resident(this.resident), "DUNNING_REMINDER",
						Map.of("name", "赵六", "community", "阳光花园", "room", "1栋-1单元-101", "amount", "1234.50", "asOf",
								"2026-11-20", "oldestDue", "2026-10-15", "lines", "物业费 2026-10 1234.50", "extra",
								"not for sms"),
						channels, purpose, "test:" + UUID.randomUUID(), null));
	}

	private Map<String, Object> row(long id) {
		return this.jdbc
			.sql("SELECT status, attempts, reason, provider_id, recipient_masked FROM notification WHERE id = ?")
			.param(id)
			.query()
			.singleRow();
	}

	/**
	 * What the gateway received for this test's resident (other tests' messages may be
	 * due too).
	 */
	private List<Received> mine() {
		return received.stream().filter((r) -> this.phone.equals(r.body().get("phone").asString())).toList();
	}

	private void deliver() {
		this.courier.deliverDue();
	}

	@Test
	void aTextMessageReachesTheGatewayWithItsKeyAndOnlyItsOwnParams() {
		long id = send(Set.of(Channel.SMS), Purpose.REMINDER).get(0);
		deliver();
		assertThat(row(id).get("status")).isEqualTo("SENT");
		assertThat(row(id).get("recipient_masked"))
			.isEqualTo(this.phone.substring(0, 3) + "****" + this.phone.substring(7));
		assertThat(mine()).hasSize(1);
		Received request = mine().get(0);
		assertThat(request.authorization()).isEqualTo("Bearer test-sms-token");
		assertThat(request.idempotencyKey()).endsWith(":SMS").startsWith("test:");
		assertThat(request.body().get("phone").asString()).isEqualTo(this.phone);
		assertThat(request.body().get("template").asString()).isEqualTo("DUNNING_REMINDER");
		assertThat(request.body().get("text").asString()).contains("1234.50").contains("1栋-1单元-101");
		assertThat(request.body().get("params").propertyNames()).containsExactlyInAnyOrder("community", "room",
				"amount", "oldestDue");
		assertThat(request.body().get("key").asString()).isEqualTo(request.idempotencyKey());
	}

	@Test
	void aRefusedMessageIsRetriedWithGrowingPausesThenFailedWithTheReason() {
		mode = Mode.FAIL;
		long id = send(Set.of(Channel.SMS), Purpose.REMINDER).get(0);
		deliver();
		assertThat(row(id).get("status")).isEqualTo("QUEUED");
		assertThat(row(id).get("reason")).isEqualTo("HTTP 503");
		deliver();
		assertThat(mine()).hasSize(1);
		this.clock.advance(Duration.ofSeconds(61));
		deliver();
		assertThat(mine()).hasSize(2);
		// the second pause is twice the first
		this.clock.advance(Duration.ofSeconds(61));
		deliver();
		assertThat(mine()).hasSize(2);
		this.clock.advance(Duration.ofSeconds(60));
		deliver();
		assertThat(mine()).hasSize(3);
		assertThat(row(id).get("status")).isEqualTo("FAILED");
		assertThat(row(id).get("attempts")).isEqualTo(3);
		assertThat(row(id).get("reason")).isEqualTo("HTTP 503");
		this.clock.advance(Duration.ofHours(1));
		deliver();
		assertThat(mine()).hasSize(3);
		assertThat(mine()).extracting(Received::idempotencyKey).containsOnly(mine().get(0).idempotencyKey());
	}

	@Test
	void aTimeoutIsRetriedWithTheSameKeySoTheGatewayCanDeliverItOnce() {
		mode = Mode.SLOW;
		long id = send(Set.of(Channel.SMS), Purpose.REMINDER).get(0);
		deliver();
		assertThat(row(id).get("status")).isEqualTo("QUEUED");
		assertThat(row(id).get("reason")).isEqualTo("timeout");
		mode = Mode.ACCEPT;
		this.clock.advance(Duration.ofMinutes(2));
		deliver();
		assertThat(row(id).get("status")).isEqualTo("SENT");
		// the gateway got the message twice (the first answer came too late), both times
		// with one key
		Eventually.size(this::mine, 2);
		assertThat(mine()).extracting(Received::idempotencyKey).containsOnly(mine().get(0).idempotencyKey());
	}

	@Test
	void aMessageLeftSendingByAStoppedNodeIsDeliveredOnceMoreWithItsKeyAndNoOtherIsRepeated() {
		List<Long> ids = List.of(send(Set.of(Channel.SMS), Purpose.REMINDER).get(0),
				send(Set.of(Channel.SMS), Purpose.REMINDER).get(0));
		// a node claimed the first and stopped before recording the outcome
		this.jdbc.sql("UPDATE notification SET status = 'SENDING', attempts = 1, updated_at = ? WHERE id = ?")
			.params(Timestamp.from(this.clock.instant()), ids.get(0))
			.update();
		deliver();
		assertThat(row(ids.get(0)).get("status")).isEqualTo("SENDING");
		assertThat(row(ids.get(1)).get("status")).isEqualTo("SENT");
		assertThat(mine()).hasSize(1);
		this.clock.advance(Courier.STALE.plusSeconds(1));
		deliver();
		deliver();
		assertThat(row(ids.get(0)).get("status")).isEqualTo("SENT");
		assertThat(row(ids.get(0)).get("attempts")).isEqualTo(2);
		assertThat(mine()).hasSize(2);
		assertThat(mine()).extracting(Received::idempotencyKey).doesNotHaveDuplicates();
	}

	@Test
	void quietHoursDelayTextMessagesToTheMorningButNotTheInbox() {
		this.clock.set(LocalDate.now(this.clock), 22, 30);
		List<Long> ids = send(Set.of(Channel.SMS, Channel.IN_APP), Purpose.REMINDER);
		deliver();
		Map<String, Object> sms = this.jdbc.sql(
				"SELECT status, reason, next_attempt_at, attempts FROM notification WHERE id IN (:ids) AND channel = 'SMS'")
			.param("ids", ids)
			.query()
			.singleRow();
		assertThat(sms.get("status")).isEqualTo("QUEUED");
		assertThat(sms.get("reason")).isEqualTo("QUIET_HOURS");
		assertThat(sms.get("attempts")).isEqualTo(0);
		assertThat(((Timestamp) sms.get("next_attempt_at")).toInstant())
			.isEqualTo(LocalDate.now(this.clock).plusDays(1).atTime(8, 0).atZone(this.clock.getZone()).toInstant());
		assertThat(this.jdbc.sql("SELECT status FROM notification WHERE id IN (:ids) AND channel = 'IN_APP'")
			.param("ids", ids)
			.query(String.class)
			.single()).isEqualTo("SENT");
		assertThat(mine()).isEmpty();
		this.clock.set(LocalDate.now(this.clock).plusDays(1), 8, 1);
		deliver();
		assertThat(mine()).hasSize(1);
	}

	@Test
	void theDailyLimitHoldsTheRestForTomorrow() {
		String manager = staffToken(List.of("MANAGER"), List.of(this.community));
		assertThat(this.api.put("/api/v1/communities/" + this.community + "/notification-settings", manager,
				Map.of("quietStart", "21:00", "quietEnd", "08:00", "smsDailyLimit", 1)))
			.hasStatus(200);
		long first = send(Set.of(Channel.SMS), Purpose.REMINDER).get(0);
		long second = send(Set.of(Channel.SMS), Purpose.REMINDER).get(0);
		deliver();
		assertThat(row(first).get("status")).isEqualTo("SENT");
		assertThat(row(second).get("status")).isEqualTo("QUEUED");
		assertThat(row(second).get("reason")).isEqualTo("DAILY_LIMIT");
		assertThat(mine()).hasSize(1);
		Api.Response bad = this.api.put("/api/v1/communities/" + this.community + "/notification-settings", manager,
				Map.of("quietStart", "21:00", "quietEnd", "08:00", "smsDailyLimit", 0));
		assertThat(bad).hasStatus(400);
		assertThat(bad.fieldMessage("smsDailyLimit")).isNotBlank();
	}

	@Test
	void familyMembersSharingAPhoneShareItsDailyLimit() {
		String manager = staffToken(List.of("MANAGER"), List.of(this.community));
		this.api.put("/api/v1/communities/" + this.community + "/notification-settings", manager,
				Map.of("quietStart", "21:00", "quietEnd", "08:00", "smsDailyLimit", 1));
		long room = createRoom(createBuilding(this.community, "2栋"), "1单元", 1, "101");
		long spouse = this.api
			.post("/api/v1/residents", admin(), Map.of("name", "赵六的家人", "phone", this.phone, "communityId",
					this.community, "roomId", room, "role", "FAMILY", "since", "2020-01-01", "confirmDuplicate", true))
			.id();
		long first = send(Set.of(Channel.SMS), Purpose.REMINDER).get(0);
		long second = this.notifications
			.send(new Notifications.Notice(this.community, new Notifications.Resident(spouse), "DUNNING_REMINDER",
					Map.of("amount", "1.00"), Set.of(Channel.SMS), Purpose.REMINDER, "test:" + UUID.randomUUID(), null))
			.get(0);
		deliver();
		assertThat(row(first).get("status")).isEqualTo("SENT");
		assertThat(row(second).get("status")).isEqualTo("QUEUED");
		assertThat(row(second).get("reason")).isEqualTo("DAILY_LIMIT");
		assertThat(mine()).hasSize(1);
	}

	@Test
	void aNodeWhoseMessageWasTakenOverSendsNothingAndRecordsNothing() {
		long id = send(Set.of(Channel.SMS), Purpose.REMINDER).get(0);
		// node A claimed it (attempt 1) and stalled; node B took it over as stale
		// (attempt 2)
		this.jdbc.sql("UPDATE notification SET status = 'SENDING', attempts = 2 WHERE id = ?").param(id).update();
		Courier.Message stalled = new Courier.Message(id, this.community, "RESIDENT", this.resident, Channel.SMS,
				"DUNNING_REMINDER", Purpose.REMINDER, Map.of(), "t", "b", null, "test:stalled:SMS", 1);
		this.courier.deliver(stalled);
		assertThat(mine()).isEmpty();
		assertThat(row(id).get("status")).isEqualTo("SENDING");
		assertThat(row(id).get("attempts")).isEqualTo(2);
	}

	@Test
	void aResidentWhoDeclinedRemindersBySmsGetsNoneButStillGetsWhatTheLawRequires() {
		this.preferences.change(this.resident, new Preferences.PreferenceCommand(null, false, null, null));
		long reminder = send(Set.of(Channel.SMS), Purpose.REMINDER).get(0);
		long required = send(Set.of(Channel.SMS), Purpose.REQUIRED).get(0);
		deliver();
		assertThat(row(reminder).get("status")).isEqualTo("SUPPRESSED");
		assertThat(row(reminder).get("reason")).isEqualTo("DECLINED");
		assertThat(row(required).get("status")).isEqualTo("SENT");
		assertThat(mine()).hasSize(1);
	}

	@Test
	void emailGoesOutOverSmtpInTheResidentsLanguage() throws Exception {
		long without = send(Set.of(Channel.EMAIL), Purpose.REMINDER).get(0);
		deliver();
		assertThat(row(without).get("status")).isEqualTo("SUPPRESSED");
		assertThat(row(without).get("reason")).isEqualTo("NO_ADDRESS");

		String address = "zhao.liu+" + this.resident + "@example.test";
		this.preferences.change(this.resident, new Preferences.PreferenceCommand("en", null, null, address));
		assertThat(this.preferences.of(this.resident).email()).isEqualTo("z***@example.test");
		long id = send(Set.of(Channel.EMAIL), Purpose.REMINDER).get(0);
		deliver();
		assertThat(row(id).get("status")).isEqualTo("SENT");
		assertThat(row(id).get("recipient_masked")).isEqualTo("z***@example.test");
		MimeMessage[] messages = mail.getReceivedMessagesForDomain("example.test");
		MimeMessage sent = null;
		for (MimeMessage m : messages) {
			if (GreenMailUtil.getAddressList(m.getAllRecipients()).contains(address)) {
				sent = m;
			}
		}
		assertThat(sent).isNotNull();
		assertThat(sent.getSubject()).isEqualTo("Payment reminder: 1234.50 yuan due for 1栋-1单元-101");
		assertThat(GreenMailUtil.getBody(sent)).contains("residents");
		assertThat(sent.getFrom()[0].toString()).isEqualTo("wuye@linli.test");
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM audit_entry WHERE action = 'NOTIFICATION_PREFERENCES_CHANGED' "
					+ "AND target_id = ? AND details LIKE '%email%' AND details NOT LIKE '%example.test%'")
			.param(String.valueOf(this.resident))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theDeliveryLogShowsEveryMessageMaskedAndFiltersByStatus() {
		mode = Mode.FAIL;
		send(Set.of(Channel.SMS, Channel.IN_APP), Purpose.REMINDER);
		deliver();
		String service = staffToken(List.of("SERVICE"), List.of(this.community));
		JsonNode log = this.api.get("/api/v1/communities/" + this.community + "/notifications", service).json();
		assertThat(log.get("totalElements").asInt()).isEqualTo(2);
		assertThat(log.toString()).doesNotContain(this.phone).doesNotContain("赵六").doesNotContain("\"body\"");
		JsonNode queued = this.api
			.get("/api/v1/communities/" + this.community + "/notifications?status=QUEUED&channel=SMS", service)
			.json();
		assertThat(queued.get("totalElements").asInt()).isEqualTo(1);
		assertThat(queued.get("content").get(0).get("reason").asString()).isEqualTo("HTTP 503");
		assertThat(queued.get("content").get(0).get("recipient").asString()).contains("****");
	}

	/** Waits for what a slow answer adds after the client gave up. */
	static final class Eventually {

		static void size(Supplier<List<?>> list, int size) {
			long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (list.get().size() < size && System.nanoTime() < until) {
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			assertThat(list.get()).hasSize(size);
		}

	}

}
