package org.linli.notifications.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The SMS provider, chosen by {@code linli.sms.provider} ({@code LINLI_SMS_PROVIDER}):
 * {@code log} (the default), {@code http} or {@code aliyun}. A provider that is unknown
 * or lacks what it needs stops the application at start, naming the setting, rather than
 * failing at the first message.
 */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

	@Bean
	SmsGateway smsGateway(Environment env, JsonMapper json, Clock clock) {
		String provider = env.getProperty("linli.sms.provider", "log").trim().toLowerCase();
		Duration timeout = env.getProperty("linli.sms.timeout", Duration.class, Duration.ofSeconds(10));
		return switch (provider) {
			case "log" -> new LogSmsGateway();
			case "http" -> {
				String url = required(env, "linli.sms.http.url", "LINLI_SMS_HTTP_URL", provider);
				String token = required(env, "linli.sms.http.token", "LINLI_SMS_HTTP_TOKEN", provider);
				URI uri;
				try {
					uri = URI.create(url);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalStateException("LINLI_SMS_HTTP_URL is not a URL: " + url);
				}
				if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
					throw new IllegalStateException("LINLI_SMS_HTTP_URL must be an http(s) URL");
				}
				yield new HttpSmsGateway(uri, token, timeout, json);
			}
			case "aliyun" -> {
				String keyId = required(env, "linli.sms.aliyun.access-key-id", "LINLI_SMS_ALIYUN_ACCESS_KEY_ID",
						provider);
				String secret = required(env, "linli.sms.aliyun.access-key-secret",
						"LINLI_SMS_ALIYUN_ACCESS_KEY_SECRET", provider);
				String sign = required(env, "linli.sms.aliyun.sign-name", "LINLI_SMS_ALIYUN_SIGN_NAME", provider);
				Map<String, String> codes = Binder.get(env)
					.bind("linli.sms.aliyun.templates", Bindable.mapOf(String.class, String.class))
					.orElse(Map.of());
				List<String> missing = new ArrayList<>();
				for (String template : smsTemplates()) {
					if (codes.get(template) == null || codes.get(template).isBlank()) {
						missing.add("linli.sms.aliyun.templates." + template);
					}
				}
				if (!missing.isEmpty()) {
					throw new IllegalStateException(
							"LINLI_SMS_PROVIDER=aliyun needs an Alibaba Cloud template code for every message kind: set "
									+ String.join(", ", missing));
				}
				yield new AliyunSmsGateway(keyId, secret,
						env.getProperty("linli.sms.aliyun.endpoint", "dysmsapi.aliyuncs.com"),
						env.getProperty("linli.sms.aliyun.protocol", "https"), sign, codes, (int) timeout.toMillis(),
						json, clock);
			}
			default -> throw new IllegalStateException(
					"LINLI_SMS_PROVIDER=" + provider + " is not a known SMS provider: use log, http or aliyun");
		};
	}

	private static String required(Environment env, String property, String variable, String provider) {
		String value = env.getProperty(property);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(
					"LINLI_SMS_PROVIDER=" + provider + " needs " + variable + " (" + property + ")");
		}
		return value.trim();
	}

	/**
	 * The message kinds that have an SMS text: each needs its template code at a provider
	 * with templates.
	 */
	static List<String> smsTemplates() {
		Properties messages = new Properties();
		try (InputStream in = SmsConfiguration.class.getClassLoader()
			.getResourceAsStream("messages/messages.properties")) {
			messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException | NullPointerException ex) {
			throw new IllegalStateException("The message files cannot be read", ex);
		}
		TreeSet<String> templates = new TreeSet<>();
		for (String key : messages.stringPropertyNames()) {
			if (key.startsWith("notifications.template.") && key.endsWith(".sms")) {
				templates.add(key.substring("notifications.template.".length(), key.length() - ".sms".length()));
			}
		}
		return List.copyOf(templates);
	}

}
