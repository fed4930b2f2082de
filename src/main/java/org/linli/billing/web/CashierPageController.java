package org.linli.billing.web;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.linli.billing.payments.PaymentOrders;
import org.linli.billing.payments.Payments;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.CurrentStaff;
import org.linli.identity.Permission;
import org.linli.identity.StaffUser;
import org.linli.residents.Residents;
import org.linli.shared.Messages;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageView;
import org.linli.shared.crypto.Masking;
import org.linli.shared.excel.ExcelExport;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The cashier's desk: find a room by its code or a resident's payment order by its
 * number, and the day's summary (日结) with its spreadsheet.
 */
@Controller
class CashierPageController {

	private static final String METHOD = "billing.payment.method.";

	private final Payments payments;

	private final PaymentOrders orders;

	private final Estate estate;

	private final CurrentStaff current;

	private final CommunityDirectory communities;

	private final Messages messages;

	private final Clock clock;

	private final Residents residents;

	CashierPageController(Payments payments, PaymentOrders orders, Estate estate, CurrentStaff current,
			CommunityDirectory communities, Messages messages, Clock clock, Residents residents) {
		this.residents = residents;
		this.payments = payments;
		this.orders = orders;
		this.estate = estate;
		this.current = current;
		this.communities = communities;
		this.messages = messages;
		this.clock = clock;
	}

	/** A room the lookup found, with who lives there (name masked). */
	record Choice(long roomId, String room, String occupant) {
	}

	@GetMapping("/admin/cashier")
	String desk(@RequestParam(required = false) Long communityId, @RequestParam(required = false) String code,
			@RequestParam(required = false) String order,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(defaultValue = "0") int page, Model model) {
		List<CommunityDirectory.CommunityRef> mine = this.communities.allCommunities()
			.stream()
			.filter((c) -> this.current.scope().includes(c.id()))
			.toList();
		Long community = (communityId != null) ? communityId : (mine.isEmpty() ? null : mine.get(0).id());
		if (order != null && !order.isBlank()) {
			try {
				PaymentOrders.OrderView found = this.orders.byNumber(order);
				return "redirect:/admin/rooms/" + found.roomId() + "/bills?order=" + found.orderNumber();
			}
			catch (NotFoundException ex) {
				model.addAttribute("error", "billing.order.unknown");
				model.addAttribute("errorArgs", new Object[] { order });
			}
		}
		if (community != null) {
			// a community outside the cashier's is not found, whatever is looked up in it
			this.current.requireCommunity(community, "community", community);
		}
		if (code != null && !code.isBlank() && community != null) {
			List<RoomRef> rooms = this.estate.findByCode(this.current.scope(), code.trim())
				.stream()
				.filter((r) -> r.communityId() == community)
				.toList();
			if (rooms.size() == 1) {
				return "redirect:/admin/rooms/" + rooms.get(0).id() + "/bills";
			}
			// not a room code: the name or phone of who lives there
			StaffUser me = this.current.require();
			List<Residents.FoundRoom> found = (rooms.isEmpty()) ? this.residents.roomsOfOccupants(community, code,
					me.hasPermission(Permission.PERSONAL_DATA_VIEW), LocalDate.now(this.clock)) : List.of();
			if (found.stream().map(Residents.FoundRoom::roomId).distinct().count() == 1) {
				return "redirect:/admin/rooms/" + found.get(0).roomId() + "/bills";
			}
			if (!found.isEmpty()) {
				// one choice per room, with the names of who matched there
				Map<Long, RoomRef> refs = this.estate.rooms(found.stream().map(Residents.FoundRoom::roomId).toList());
				Map<Long, java.util.Set<String>> names = new java.util.LinkedHashMap<>();
				found.forEach((f) -> names.computeIfAbsent(f.roomId(), (k) -> new java.util.LinkedHashSet<>())
					.add(Masking.name(f.occupant())));
				model.addAttribute("choices", names.entrySet()
					.stream()
					.map((e) -> new Choice(e.getKey(), refs.get(e.getKey()).code(), String.join("、", e.getValue())))
					.toList());
			}
			else {
				model.addAttribute("error", "billing.cashier.roomNotFound");
				model.addAttribute("errorArgs", new Object[] { code });
			}
		}
		model.addAttribute("communities", mine);
		model.addAttribute("communityId", community);
		model.addAttribute("code", code);
		model.addAttribute("order", order);
		LocalDate day = (date != null) ? date : LocalDate.now(this.clock);
		model.addAttribute("date", day);
		if (community != null) {
			Payments.DaySummary summary = this.payments.daySummary(community, day);
			model.addAttribute("summary", summary);
			// the day's receipts a page at a time, newest last as they were taken
			int size = 20;
			int pages = Math.max(1, (summary.payments().size() + size - 1) / size);
			int shown = Math.min(Math.max(page, 0), pages - 1);
			model.addAttribute("receipts",
					new PageView<>(
							summary.payments()
								.subList(Math.min(shown * size, summary.payments().size()),
										Math.min((shown + 1) * size, summary.payments().size())),
							shown, size, summary.payments().size(), (summary.payments().isEmpty()) ? 0 : pages));
		}
		return "billing/cashier";
	}

	/**
	 * The day's receipts as a spreadsheet, with the totals by method and by cashier
	 * beneath them.
	 */
	@GetMapping("/admin/communities/{id}/cashier-summary.xlsx")
	void exportDay(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			HttpServletResponse response) throws IOException {
		Payments.DaySummary day = this.payments.daySummary(id, (date != null) ? date : LocalDate.now(this.clock));
		List<List<?>> rows = new ArrayList<>();
		for (Payments.PaymentView p : day.payments()) {
			rows.add(Arrays.asList(p.receiptNumber(), p.time(), p.room(), p.payerName(),
					this.messages.label(METHOD, p.method()), p.reference(), p.cashier(), p.amount().amount()));
		}
		rows.add(List.of());
		for (Payments.MethodTotal m : day.byMethod()) {
			rows.add(Arrays.asList(msg("billing.cashier.byMethod"), null, null, null,
					this.messages.label(METHOD, m.method()), m.count(), null, m.amount().amount()));
		}
		for (Payments.CashierTotal c : day.byCashier()) {
			rows.add(Arrays.asList(msg("billing.cashier.byCashier"), null, null, null,
					this.messages.label(METHOD, c.method()), c.count(), c.cashier(), c.amount().amount()));
		}
		rows.add(Arrays.asList(msg("billing.cashier.total"), null, null, null, null, day.count(), null,
				day.total().amount()));
		ExcelExport.download(response, msg("billing.cashier.summary") + "-" + day.date() + ".xlsx",
				msg("billing.cashier.summary"),
				List.of(msg("billing.receipt.number"), msg("billing.payment.time"), msg("billing.receipt.room"),
						msg("billing.payment.payerName"), msg("billing.payment.method"),
						msg("billing.payment.reference"), msg("billing.payment.cashier"),
						msg("billing.payment.amount")),
				rows);
	}

	private String msg(String key) {
		return this.messages.get(key);
	}

}
