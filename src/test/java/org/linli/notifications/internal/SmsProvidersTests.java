package org.linli.notifications.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SMS providers: Alibaba Cloud through its official SDK against a local endpoint that
 * answers as Alibaba Cloud does, and the start-up checks that refuse an unknown provider
 * or missing settings with the setting named.
 */
class SmsProvidersTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private HttpServer aliyun;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private volatile String answer;

	private volatile String queryAnswer = "{\"Code\":\"OK\",\"TotalCount\":0,\"SmsSendDetailDTOs\":{\"SmsSendDetailDTO\":[]}}";

	private volatile int status = 200;

	@BeforeEach
	void localAliyun() throws IOException {
		this.aliyun = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.aliyun.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String query = exchange.getRequestURI().getRawQuery();
			this.requests.add(URLDecoder.decode(((query != null) ? query : "") + "&" + body, StandardCharsets.UTF_8)
					+ "&action=" + exchange.getRequestHeaders().getFirst("x-acs-action") + "&authorization="
					+ exchange.getRequestHeaders().getFirst("Authorization"));
			boolean asks = "QuerySendDetails".equals(exchange.getRequestHeaders().getFirst("x-acs-action"));
			byte[] bytes = (asks ? this.queryAnswer : this.answer).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
			exchange.sendResponseHeaders(this.status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		this.aliyun.start();
	}

	@AfterEach
	void stop() {
		this.aliyun.stop(0);
	}

	private AliyunSmsGateway gateway() {
		return new AliyunSmsGateway("test-key-id", "test-key-secret", "127.0.0.1:" + this.aliyun.getAddress().getPort(),
				"http", "邻里物业", Map.of("DUNNING_REMINDER", "SMS_000001"), 2000, this.json, Clock.systemUTC());
	}

	private static SmsGateway.Sms sms() {
		return sms(1);
	}

	private static SmsGateway.Sms sms(int attempt) {
		return new SmsGateway.Sms("dunning:7:42:SMS", "13800138000", "DUNNING_REMINDER", "您好，阳光花园…",
				Map.of("community", "阳光花园", "room", "1栋-1单元-101", "amount", "1234.50", "oldestDue", "2026-10-15"),
				attempt);
	}

	@Test
	void alibabaCloudGetsTheTemplateCodeItsParamsAndTheKeyAsOutId() throws Exception {
		this.answer = "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498440^0\",\"RequestId\":\"F655A8D5\"}";
		String id = gateway().send(sms());
		assertThat(id).isEqualTo("900619746936498440^0");
		assertThat(this.requests).hasSize(1);
		String request = this.requests.get(0);
		assertThat(request).contains("action=SendSms")
			.contains("PhoneNumbers=13800138000")
			.contains("SignName=邻里物业")
			.contains("TemplateCode=SMS_000001")
			.contains("OutId=dunning:7:42:SMS")
			.contains("\"amount\":\"1234.50\"")
			.contains("Credential=test-key-id")
			.doesNotContain("test-key-secret");
	}

	@Test
	void aRetryFirstAsksAlibabaCloudWhetherAnEarlierAttemptGotThrough() throws Exception {
		this.answer = "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"1^0\",\"RequestId\":\"R\"}";
		// the first attempt timed out after Alibaba Cloud had accepted it: found, not
		// sent again
		this.queryAnswer = "{\"Code\":\"OK\",\"TotalCount\":1,\"SmsSendDetailDTOs\":{\"SmsSendDetailDTO\":"
				+ "[{\"OutId\":\"dunning:7:42:SMS\",\"PhoneNum\":\"13800138000\",\"SendStatus\":1}]}}";
		assertThat(gateway().send(sms(2))).isEqualTo("aliyun:dunning:7:42:SMS");
		assertThat(this.requests).noneMatch((r) -> r.contains("action=SendSms"))
			.anyMatch((r) -> r.contains("action=QuerySendDetails"));
		// an earlier attempt that failed, or none at all: sent now
		this.requests.clear();
		this.queryAnswer = "{\"Code\":\"OK\",\"TotalCount\":1,\"SmsSendDetailDTOs\":{\"SmsSendDetailDTO\":"
				+ "[{\"OutId\":\"dunning:7:42:SMS\",\"PhoneNum\":\"13800138000\",\"SendStatus\":2}]}}";
		assertThat(gateway().send(sms(2))).isEqualTo("1^0");
		assertThat(this.requests).anyMatch((r) -> r.contains("action=SendSms"));
		// when Alibaba Cloud cannot tell, nothing is sent: the message waits for its next
		// attempt
		this.requests.clear();
		this.queryAnswer = "{\"Code\":\"isv.SYSTEM_ERROR\"}";
		assertThatThrownBy(() -> gateway().send(sms(3))).isInstanceOf(SmsGateway.SmsRefused.class);
		assertThat(this.requests).noneMatch((r) -> r.contains("action=SendSms"));
	}

	@Test
	void alibabaCloudRefusingOrFailingIsARefusalWithItsCode() {
		this.answer = "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"触发分钟级流控\",\"RequestId\":\"X\"}";
		assertThatThrownBy(() -> gateway().send(sms())).isInstanceOf(SmsGateway.SmsRefused.class)
			.hasMessageContaining("isv.BUSINESS_LIMIT_CONTROL");
		this.status = 500;
		this.answer = "{\"Code\":\"InternalError\",\"Message\":\"The request processing has failed\"}";
		assertThatThrownBy(() -> gateway().send(sms())).isInstanceOf(SmsGateway.SmsRefused.class);
		assertThatThrownBy(() -> new AliyunSmsGateway("id", "secret", "127.0.0.1:1", "http", "邻里物业", Map.of(), 2000,
				this.json, Clock.systemUTC())
			.send(sms())).isInstanceOf(SmsGateway.SmsRefused.class).hasMessageContaining("template code");
	}

	@Test
	void anUnknownProviderOrAMissingSettingStopsTheStartNamingIt() {
		SmsConfiguration configuration = new SmsConfiguration();
		assertThat(configuration.smsGateway(new MockEnvironment(), this.json, Clock.systemUTC()))
			.isInstanceOf(LogSmsGateway.class);
		assertThatThrownBy(() -> configuration.smsGateway(
				new MockEnvironment().withProperty("linli.sms.provider", "tencent"), this.json, Clock.systemUTC()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("LINLI_SMS_PROVIDER=tencent")
			.hasMessageContaining("log, http or aliyun");
		assertThatThrownBy(
				() -> configuration.smsGateway(
						new MockEnvironment().withProperty("linli.sms.provider", "http")
							.withProperty("linli.sms.http.url", "http://127.0.0.1:9/sms"),
						this.json, Clock.systemUTC()))
			.hasMessageContaining("LINLI_SMS_HTTP_TOKEN");
		assertThatThrownBy(
				() -> configuration.smsGateway(new MockEnvironment().withProperty("linli.sms.provider", "http")
					.withProperty("linli.sms.http.url", "ftp://example")
					.withProperty("linli.sms.http.token", "t"), this.json, Clock.systemUTC()))
			.hasMessageContaining("LINLI_SMS_HTTP_URL");
		MockEnvironment aliyunWithoutCodes = new MockEnvironment().withProperty("linli.sms.provider", "aliyun")
			.withProperty("linli.sms.aliyun.access-key-id", "id")
			.withProperty("linli.sms.aliyun.access-key-secret", "secret")
			.withProperty("linli.sms.aliyun.sign-name", "邻里物业");
		assertThatThrownBy(() -> configuration.smsGateway(aliyunWithoutCodes, this.json, Clock.systemUTC()))
			.hasMessageContaining("linli.sms.aliyun.templates.DUNNING_REMINDER");
		assertThatThrownBy(
				() -> configuration.smsGateway(new MockEnvironment().withProperty("linli.sms.provider", "aliyun"),
						this.json, Clock.systemUTC()))
			.hasMessageContaining("LINLI_SMS_ALIYUN_ACCESS_KEY_ID");
		assertThat(configuration.smsGateway(
				aliyunWithoutCodes.withProperty("linli.sms.aliyun.templates.DUNNING_REMINDER", "SMS_000001")
					.withProperty("linli.sms.aliyun.templates.PORTAL_INVITATION", "SMS_000002")
					.withProperty("linli.sms.aliyun.templates.ANNOUNCEMENT", "SMS_000003")
					.withProperty("linli.sms.aliyun.templates.ANNOUNCEMENT_URGENT", "SMS_000004")
					.withProperty("linli.sms.aliyun.templates.ACTIVITY_PROMOTED", "SMS_000005")
					.withProperty("linli.sms.aliyun.templates.ACTIVITY_CANCELLED", "SMS_000006"),
				this.json, Clock.systemUTC()))
			.isInstanceOf(AliyunSmsGateway.class);
	}

	@Test
	void theLogProviderShowsThePhoneMaskedOnly() {
		org.assertj.core.api.Assertions.assertThat(sms().toString()).doesNotContain("13800138000");
		assertThat(new LogSmsGateway().send(sms())).isEqualTo("log:dunning:7:42:SMS");
	}

}
