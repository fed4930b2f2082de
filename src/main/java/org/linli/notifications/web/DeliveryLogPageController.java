package org.linli.notifications.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.linli.notifications.Channel;
import org.linli.notifications.DeliveryStatus;
import org.linli.notifications.internal.DeliveryLog;
import org.linli.shared.Messages;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.excel.ExcelExport;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The delivery log of a community (发送记录) in the console, with its Excel export.
 */
@Controller
class DeliveryLogPageController {

	private final DeliveryLog log;

	private final Messages messages;

	DeliveryLogPageController(DeliveryLog log, Messages messages) {
		this.log = log;
		this.messages = messages;
	}

	@GetMapping("/admin/communities/{id}/notifications")
	String page(@PathVariable long id, @RequestParam(required = false) Channel channel,
			@RequestParam(required = false) DeliveryStatus status, @RequestParam(required = false) String template,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, Model model) {
		model.addAttribute("page",
				this.log.search(id, new DeliveryLog.Filter(channel, status, blank(template), from, to, null),
						new PageQuery(page, 50, sort, dir)));
		model.addAttribute("communityId", id);
		model.addAttribute("channels", Channel.values());
		model.addAttribute("statuses", DeliveryStatus.values());
		model.addAttribute("templates", this.log.templates(id));
		return "notifications/log";
	}

	@GetMapping("/admin/communities/{id}/notifications/export.xlsx")
	void export(@PathVariable long id, @RequestParam(required = false) Channel channel,
			@RequestParam(required = false) DeliveryStatus status, @RequestParam(required = false) String template,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			HttpServletResponse response) throws IOException {
		DeliveryLog.Filter filter = new DeliveryLog.Filter(channel, status, blank(template), from, to, null);
		List<List<?>> rows = new ArrayList<>();
		PageView<DeliveryLog.Entry> page;
		int p = 0;
		do {
			page = this.log.search(id, filter, new PageQuery(p++, PageQuery.MAX_SIZE, null, null));
			for (DeliveryLog.Entry e : page.content()) {
				rows.add(Arrays.asList(e.created(), this.messages.label("notifications.channel.", e.channel()),
						e.recipient(), this.messages.get("notifications.template." + e.template() + ".name"),
						this.messages.label("notifications.status.", e.status()), e.attempts(), reason(e.reason()),
						e.sent()));
			}
		}
		while (page.hasNext());
		ExcelExport.download(response, msg("notifications.log.title") + ".xlsx", msg("notifications.log.title"),
				List.of(msg("notifications.log.created"), msg("notifications.log.channel"),
						msg("notifications.log.recipient"), msg("notifications.log.template"),
						msg("notifications.log.status"), msg("notifications.log.attempts"),
						msg("notifications.log.reason"), msg("notifications.log.sent")),
				rows);
	}

	private String reason(String reason) {
		if (reason == null) {
			return null;
		}
		String label = this.messages.get("notifications.reason." + reason);
		return label.startsWith("notifications.reason.") ? reason : label;
	}

	private String msg(String key) {
		return this.messages.get(key);
	}

	private static String blank(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
