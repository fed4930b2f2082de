package org.linli.notifications.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.aliyun.dysmsapi20170525.Client;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsRequest;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponse;
import com.aliyun.dysmsapi20170525.models.SendSmsRequest;
import com.aliyun.dysmsapi20170525.models.SendSmsResponse;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import org.linli.shared.Times;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alibaba Cloud SMS (阿里云短信服务) through its official SDK: each message kind has its
 * template code registered with Alibaba Cloud (in Chinese: mainland templates are),
 * filled with the message's params; the message's key goes as {@code OutId}, which
 * Alibaba Cloud keeps with the message. Alibaba Cloud does not refuse a second message
 * with the same {@code OutId}, so before any attempt after the first this gateway asks it
 * ({@code QuerySendDetails}, today's and yesterday's messages to the phone) whether an
 * earlier attempt got through after all — a timeout after the message was accepted — and
 * then records that one instead of sending again. When it cannot tell, it does not send.
 */
class AliyunSmsGateway implements SmsGateway {

	private final Client client;

	private final String signName;

	private final Map<String, String> templateCodes;

	private final JsonMapper json;

	private final int timeoutMillis;

	private final Clock clock;

	/**
	 * Alibaba Cloud dates its messages in China's time, whatever the installation's zone.
	 */
	private static final ZoneId CHINA = Times.DEFAULT_ZONE;

	AliyunSmsGateway(String accessKeyId, String accessKeySecret, String endpoint, String protocol, String signName,
			Map<String, String> templateCodes, int timeoutMillis, JsonMapper json, Clock clock) {
		try {
			this.client = new Client(new Config().setAccessKeyId(accessKeyId)
				.setAccessKeySecret(accessKeySecret)
				.setEndpoint(endpoint)
				.setProtocol(protocol)
				.setConnectTimeout(timeoutMillis)
				.setReadTimeout(timeoutMillis));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Alibaba Cloud SMS could not be set up: " + ex.getMessage(), ex);
		}
		this.signName = signName;
		this.templateCodes = Map.copyOf(templateCodes);
		this.json = json;
		this.timeoutMillis = timeoutMillis;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "aliyun";
	}

	@Override
	public String send(Sms sms) throws SmsRefused {
		String code = this.templateCodes.get(sms.template());
		if (code == null) {
			throw new SmsRefused("no Alibaba Cloud template code for " + sms.template());
		}
		if (sms.attempt() > 1) {
			Optional<String> earlier = earlierAttempt(sms);
			if (earlier.isPresent()) {
				return earlier.get();
			}
		}
		SendSmsRequest request = new SendSmsRequest().setPhoneNumbers(sms.phone())
			.setSignName(this.signName)
			.setTemplateCode(code)
			.setTemplateParam(this.json.writeValueAsString(sms.params()))
			.setOutId(sms.key());
		try {
			RuntimeOptions options = new RuntimeOptions();
			options.readTimeout = this.timeoutMillis;
			options.connectTimeout = this.timeoutMillis;
			SendSmsResponse response = this.client.sendSmsWithOptions(request, options);
			if (response.getBody() == null || !"OK".equalsIgnoreCase(response.getBody().getCode())) {
				throw new SmsRefused("Alibaba Cloud: "
						+ ((response.getBody() != null) ? response.getBody().getCode() : "no answer"));
			}
			return response.getBody().getBizId();
		}
		catch (SmsRefused ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new SmsRefused("Alibaba Cloud: " + ex.getClass().getSimpleName(), ex);
		}
	}

	/**
	 * The id of an earlier attempt of this message that Alibaba Cloud accepted (waiting
	 * or delivered, not failed), if any.
	 */
	private Optional<String> earlierAttempt(Sms sms) throws SmsRefused {
		LocalDate today = LocalDate.now(this.clock.withZone(CHINA));
		for (LocalDate day : List.of(today, today.minusDays(1))) {
			try {
				RuntimeOptions options = new RuntimeOptions();
				options.readTimeout = this.timeoutMillis;
				options.connectTimeout = this.timeoutMillis;
				QuerySendDetailsResponse response = this.client
					.querySendDetailsWithOptions(new QuerySendDetailsRequest().setPhoneNumber(sms.phone())
						.setSendDate(day.format(DateTimeFormatter.BASIC_ISO_DATE))
						.setPageSize(50L)
						.setCurrentPage(1L), options);
				if (response.getBody() == null || !"OK".equalsIgnoreCase(response.getBody().getCode())) {
					throw new SmsRefused("Alibaba Cloud could not tell whether an earlier attempt got through: "
							+ ((response.getBody() != null) ? response.getBody().getCode() : "no answer"));
				}
				if (response.getBody().getSmsSendDetailDTOs() == null
						|| response.getBody().getSmsSendDetailDTOs().getSmsSendDetailDTO() == null) {
					continue;
				}
				for (var detail : response.getBody().getSmsSendDetailDTOs().getSmsSendDetailDTO()) {
					// SendStatus: 1 waiting for the handset's receipt, 2 failed, 3
					// delivered
					if (sms.key().equals(detail.getOutId()) && !Long.valueOf(2).equals(detail.getSendStatus())) {
						return Optional.of("aliyun:" + sms.key());
					}
				}
			}
			catch (SmsRefused ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new SmsRefused("Alibaba Cloud could not tell whether an earlier attempt got through: "
						+ ex.getClass().getSimpleName(), ex);
			}
		}
		return Optional.empty();
	}

}
