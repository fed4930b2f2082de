package org.linli.notifications.web;

import java.time.LocalDate;
import java.time.LocalTime;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.notifications.Channel;
import org.linli.notifications.DeliveryStatus;
import org.linli.notifications.internal.DeliveryLog;
import org.linli.notifications.internal.SmsRules;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery log of a community and its SMS rules (quiet hours, daily limit) through
 * the API.
 */
@RestController
@Tag(name = "Notifications")
class DeliveryLogApiController {

	private final DeliveryLog log;

	private final SmsRules rules;

	DeliveryLogApiController(DeliveryLog log, SmsRules rules) {
		this.log = log;
		this.rules = rules;
	}

	@GetMapping("/api/v1/communities/{id}/notifications")
	@Operation(summary = "A community's delivery log: filter by channel, status, template, from, to, subject")
	PageView<DeliveryLog.Entry> api(@PathVariable long id, @RequestParam(required = false) Channel channel,
			@RequestParam(required = false) DeliveryStatus status, @RequestParam(required = false) String template,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String subject, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return this.log.search(id, new DeliveryLog.Filter(channel, status, blank(template), from, to, blank(subject)),
				new PageQuery(page, size, null, null));
	}

	/**
	 * A community's SMS rules as the API gives and takes them: {"quietStart":"21:00",…}.
	 */
	record RulesBody(@DateTimeFormat(pattern = "HH:mm") LocalTime quietStart,
			@DateTimeFormat(pattern = "HH:mm") LocalTime quietEnd, Integer smsDailyLimit) {

		static RulesBody of(SmsRules.Rules rules) {
			return new RulesBody(rules.quietStart(), rules.quietEnd(), rules.smsDailyLimit());
		}

	}

	@GetMapping("/api/v1/communities/{id}/notification-settings")
	RulesBody rules(@PathVariable long id) {
		return RulesBody.of(this.rules.of(id));
	}

	@PutMapping("/api/v1/communities/{id}/notification-settings")
	@Operation(
			summary = "No SMS from quietStart to quietEnd (they wait for the morning); at most smsDailyLimit a day to one person")
	RulesBody change(@PathVariable long id, @RequestBody RulesBody body) {
		return RulesBody.of(this.rules.change(id, new SmsRules.Rules(body.quietStart(), body.quietEnd(),
				(body.smsDailyLimit() != null) ? body.smsDailyLimit() : 0)));
	}

	private static String blank(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
