package org.linli.dunning.web;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.linli.dunning.internal.ArrearsList;
import org.linli.dunning.internal.DunningNotices;
import org.linli.dunning.internal.Policies;
import org.linli.dunning.internal.Reminders;
import org.linli.estate.Estate;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.CurrentStaff;
import org.linli.notifications.Channel;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.NotFoundException;
import org.linli.shared.PageQuery;
import org.linli.shared.excel.ExcelExport;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormErrors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The arrears list of a community in the staff console (欠费清单): filter by building and
 * age, sort, page, export; choose rooms to remind now or to print their notices; and the
 * community's dunning policy beside it, with a button to run it now.
 */
@Controller
class ArrearsPageController {

	private final ArrearsList arrears;

	private final Reminders reminders;

	private final Policies policies;

	private final DunningNotices notices;

	private final Estate estate;

	private final CommunityDirectory communities;

	private final CurrentStaff current;

	private final Messages messages;

	ArrearsPageController(ArrearsList arrears, Reminders reminders, Policies policies, DunningNotices notices,
			Estate estate, CommunityDirectory communities, CurrentStaff current, Messages messages) {
		this.arrears = arrears;
		this.reminders = reminders;
		this.policies = policies;
		this.notices = notices;
		this.estate = estate;
		this.communities = communities;
		this.current = current;
		this.messages = messages;
	}

	/**
	 * The console's menu entry: the arrears of the chosen community, else of the first
	 * the staff member serves.
	 */
	@GetMapping("/admin/arrears")
	String mine(@RequestParam(required = false) Long communityId) {
		return this.communities.within(this.current.scope())
			.stream()
			.filter((c) -> communityId == null || c.id() == communityId)
			.findFirst()
			.map((c) -> "redirect:/admin/communities/" + c.id() + "/arrears")
			.orElseThrow(() -> new NotFoundException("community", "any"));
	}

	@GetMapping("/admin/communities/{id}/arrears")
	String page(@PathVariable long id, @RequestParam(required = false) Long buildingId,
			@RequestParam(required = false) Integer minDays, @RequestParam(defaultValue = "0") int page,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir, Model model) {
		if (!model.containsAttribute("policyForm")) {
			model.addAttribute("policyForm", PolicyForm.of(this.policies.of(id)));
		}
		try {
			return render(id, buildingId, minDays, page, sort, dir, model);
		}
		catch (InvalidInputException ex) {
			InvalidInputException.FieldProblem first = ex.problems().get(0);
			model.addAttribute("error", first.messageKey());
			model.addAttribute("errorArgs", first.args());
			return render(id, buildingId, null, 0, sort, dir, model);
		}
	}

	private String render(long id, Long buildingId, Integer minDays, int page, String sort, String dir, Model model) {
		ArrearsList.Filter filter = new ArrearsList.Filter(buildingId, minDays);
		List<ArrearsList.Row> all = this.arrears.all(id, filter, sort, dir);
		PageQuery query = new PageQuery(page, 50, sort, dir);
		model.addAttribute("page", ArrearsList.pageOf(all, query));
		model.addAttribute("totals", ArrearsList.totals(all));
		model.addAttribute("policy", this.policies.of(id));
		model.addAttribute("communityId", id);
		model.addAttribute("communityName", this.communities.nameOf(id));
		model.addAttribute("communities", this.communities.within(this.current.scope()));
		model.addAttribute("buildings", this.estate.buildingsIn(id));
		model.addAttribute("channels", Channel.values());
		return "dunning/arrears";
	}

	@GetMapping("/admin/communities/{id}/arrears/export.xlsx")
	void export(@PathVariable long id, @RequestParam(required = false) Long buildingId,
			@RequestParam(required = false) Integer minDays, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, HttpServletResponse response) throws IOException {
		List<List<?>> rows = new ArrayList<>();
		for (ArrearsList.Row r : this.arrears.all(id, new ArrearsList.Filter(buildingId, minDays), sort, dir)) {
			rows.add(Arrays.asList(r.roomCode(), r.payerNames(), r.amount().amount(), r.outstanding().amount(),
					r.oldestDueDate(), r.days(), r.remindersSent(), r.lastReminder()));
		}
		ExcelExport.download(response, msg("dunning.arrears.title") + ".xlsx", msg("dunning.arrears.title"),
				List.of(msg("dunning.arrears.room"), msg("dunning.arrears.payers"), msg("dunning.arrears.amount"),
						msg("dunning.arrears.outstanding"), msg("dunning.arrears.oldestDue"),
						msg("dunning.arrears.days"), msg("dunning.arrears.reminders"),
						msg("dunning.arrears.lastReminder")),
				rows);
	}

	@PostMapping("/admin/communities/{id}/arrears/remind")
	String remind(@PathVariable long id, @RequestParam(required = false) List<Long> roomIds,
			@RequestParam(required = false) List<String> channels, HttpServletRequest request,
			RedirectAttributes redirect) {
		try {
			Set<Channel> chosen = EnumSet.noneOf(Channel.class);
			if (channels != null) {
				for (String channel : channels) {
					chosen.add(Channel.valueOf(channel));
				}
			}
			Reminders.Queued queued = this.reminders.remindNow(id, (roomIds != null) ? roomIds : List.of(), chosen);
			Flash.success(redirect, (queued.failed() > 0) ? "dunning.remind.doneWithFailures" : "dunning.remind.done",
					String.valueOf(queued.queued()), String.valueOf(queued.skipped()), String.valueOf(queued.failed()));
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		catch (IllegalArgumentException ex) {
			Flash.error(redirect, "validation.invalidValue");
		}
		return back(id, request);
	}

	@PostMapping("/admin/communities/{id}/arrears/notices.pdf")
	Object notices(@PathVariable long id, @RequestParam(required = false) List<Long> roomIds,
			HttpServletRequest request, RedirectAttributes redirect) {
		try {
			return DunningApiController.pdf(this.notices.print(id, (roomIds != null) ? roomIds : List.of()));
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
			return back(id, request);
		}
	}

	@PostMapping("/admin/communities/{id}/dunning-policy")
	String changePolicy(@PathVariable long id, @ModelAttribute("policyForm") PolicyForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			model.addAttribute("policyOpen", true);
			return render(id, null, null, 0, null, null, model);
		}
		try {
			this.policies.change(id, form.command());
			Flash.success(redirect, "common.saved");
			return "redirect:/admin/communities/" + id + "/arrears";
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			model.addAttribute("policyOpen", true);
			return render(id, null, null, 0, null, null, model);
		}
	}

	@PostMapping("/admin/communities/{id}/dunning-runs")
	String run(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
		try {
			Reminders.RunResult result = this.reminders.runNow(id);
			Flash.success(redirect, (result.failed() > 0) ? "dunning.run.doneWithFailures" : "dunning.run.done",
					String.valueOf(result.reminded()), String.valueOf(result.skipped()),
					String.valueOf(result.failed()));
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return back(id, request);
	}

	/**
	 * Back to the list as it was (its filters, sort and page), when the browser says
	 * where it came from; else to the list.
	 */
	private static String back(long id, HttpServletRequest request) {
		String list = "/admin/communities/" + id + "/arrears";
		String referer = request.getHeader("Referer");
		if (referer != null) {
			try {
				URI uri = URI.create(referer);
				if (list.equals(uri.getPath())) {
					return "redirect:" + list + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
				}
			}
			catch (IllegalArgumentException ex) {
				// not a URI: back to the list
			}
		}
		return "redirect:" + list;
	}

	private String msg(String key) {
		return this.messages.get(key);
	}

}
