package org.linli.notifications.internal;

import java.util.Map;

import com.aliyun.dysmsapi20170525.Client;
import com.aliyun.dysmsapi20170525.models.SendSmsRequest;
import com.aliyun.dysmsapi20170525.models.SendSmsResponse;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alibaba Cloud SMS (阿里云短信服务) through its official SDK: each message kind has its
 * template code registered with Alibaba Cloud, filled with the message's params; the
 * message's key goes as {@code OutId}, which Alibaba Cloud keeps with the message and
 * reports back, so a retried message can be recognised.
 */
class AliyunSmsGateway implements SmsGateway {

	private final Client client;

	private final String signName;

	private final Map<String, String> templateCodes;

	private final JsonMapper json;

	private final int timeoutMillis;

	AliyunSmsGateway(String accessKeyId, String accessKeySecret, String endpoint, String protocol, String signName,
			Map<String, String> templateCodes, int timeoutMillis, JsonMapper json) {
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

}
