package org.linli.community.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.linli.community.internal.Activities;
import org.linli.community.internal.ActivityView;
import org.linli.community.internal.RegistrationView;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.PageQuery;
import org.linli.shared.Times;
import org.linli.shared.excel.ExcelExport;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormErrors;
import org.linli.shared.web.FormValues;
import org.linli.shared.web.Pages;

import org.springframework.context.i18n.LocaleContextHolder;
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
 * Activities in the staff console: a community's list, the planning form, an activity's
 * page with its registrations (find by name or room, check in, cancel, export), and the
 * check-in page a household's QR code opens on a staff phone.
 */
@Controller
class ActivityPageController {

	private final Activities activities;

	private final CommunityPages pages;

	private final Messages messages;

	ActivityPageController(Activities activities, CommunityPages pages, Messages messages) {
		this.activities = activities;
		this.pages = pages;
		this.messages = messages;
	}

	@GetMapping("/admin/activities")
	String entry(@RequestParam(required = false) Long communityId) {
		return "redirect:/admin/communities/" + this.pages.chosen(communityId) + "/activities";
	}

	@GetMapping("/admin/communities/{id}/activities")
	String list(@PathVariable long id, @RequestParam(required = false) String when,
			@RequestParam(defaultValue = "0") int page, Model model) {
		Activities.When chosen = FormValues.filterChoice(Activities.When.class, when);
		model.addAttribute("when", (chosen != null) ? chosen : Activities.When.UPCOMING);
		model.addAttribute("page", this.activities.list(id, (chosen != null) ? chosen : Activities.When.UPCOMING,
				new PageQuery(page, 20, null, null)));
		model.addAttribute("whens", Activities.When.values());
		return community(id, model, "community/activities");
	}

	@GetMapping("/admin/communities/{id}/activities/new")
	String newForm(@PathVariable long id, Model model) {
		model.addAttribute("form", ActivityForm.blank());
		return community(id, model, "community/activity-form");
	}

	@PostMapping("/admin/communities/{id}/activities")
	String create(@PathVariable long id, @ModelAttribute("form") ActivityForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return community(id, model, "community/activity-form");
		}
		try {
			ActivityView created = this.activities.create(id, form.plan());
			Flash.success(redirect, "community.activity.published");
			return "redirect:/admin/activities/" + created.id();
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			return community(id, model, "community/activity-form");
		}
	}

	@GetMapping("/admin/activities/{id}")
	String item(@PathVariable long id, @RequestParam(required = false) String q, Model model,
			HttpServletRequest request) {
		ActivityView activity = this.activities.find(id);
		model.addAttribute("a", activity);
		model.addAttribute("registrations", this.activities.registrations(id, q));
		model.addAttribute("checkInOpen", this.activities.checkInOpen(activity));
		model.addAttribute("toRefund", this.activities.feesToRefund(id));
		community(activity.communityId(), model, null);
		return Pages.isHtmx(request) ? "community/activity :: registrations" : "community/activity";
	}

	@GetMapping("/admin/activities/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		ActivityView activity = this.activities.find(id);
		model.addAttribute("form", ActivityForm.of(activity));
		model.addAttribute("activityId", id);
		return community(activity.communityId(), model, "community/activity-form");
	}

	@PostMapping("/admin/activities/{id}/edit")
	String edit(@PathVariable long id, @ModelAttribute("form") ActivityForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		ActivityView activity = this.activities.find(id);
		if (result.hasErrors()) {
			model.addAttribute("activityId", id);
			return community(activity.communityId(), model, "community/activity-form");
		}
		try {
			this.activities.update(id, form.plan());
			Flash.success(redirect, "common.saved");
			return "redirect:/admin/activities/" + id;
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			model.addAttribute("activityId", id);
			return community(activity.communityId(), model, "community/activity-form");
		}
	}

	@PostMapping("/admin/activities/{id}/cancel")
	String cancel(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
		try {
			this.activities.cancel(id, reason);
			Flash.success(redirect, "community.activity.cancelledNow");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/activities/" + id;
	}

	@PostMapping("/admin/registrations/{id}/check-in")
	String checkIn(@PathVariable long id, @RequestParam(required = false) String people,
			@RequestParam(required = false) String q, RedirectAttributes redirect) {
		RegistrationView registration;
		try {
			FormValues values = new FormValues();
			Integer came = values.integer("people", people);
			values.throwIfAny();
			registration = this.activities.checkIn(id, came);
			Flash.success(redirect, "community.checkIn.done", registration.name(), registration.checkedInPeople());
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
			registration = null;
		}
		long activityId = (registration != null) ? registration.activityId() : this.activities.activityOf(id);
		redirect.addAttribute("q", (q != null) ? q : "");
		return "redirect:/admin/activities/" + activityId;
	}

	@PostMapping("/admin/registrations/{id}/cancel")
	String cancelRegistration(@PathVariable long id, RedirectAttributes redirect) {
		long activityId = this.activities.activityOf(id);
		try {
			this.activities.cancelByStaff(id);
			Flash.success(redirect, "community.registration.cancelledNow");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/activities/" + activityId;
	}

	/**
	 * Where a household's QR code leads a staff phone: the registration and its check-in.
	 */
	@GetMapping("/admin/check-in/{code}")
	String byCode(@PathVariable String code, Model model) {
		RegistrationView registration = this.activities.byCode(code);
		ActivityView activity = this.activities.find(registration.activityId());
		model.addAttribute("r", registration);
		model.addAttribute("a", activity);
		model.addAttribute("checkInOpen", this.activities.checkInOpen(activity));
		return "community/check-in";
	}

	@GetMapping("/admin/activities/{id}/registrations.xlsx")
	void export(@PathVariable long id, HttpServletResponse response) throws IOException {
		ActivityView activity = this.activities.find(id);
		List<List<?>> rows = new ArrayList<>();
		for (RegistrationView r : this.activities.registrations(id, null)) {
			rows.add(Arrays.asList(r.id(), r.room(), r.name(), r.people(),
					msg("community.registration.status." + r.status()), r.position(),
					(r.fee() != null) ? r.fee().amount() : null, Times.minutes(r.createdAt()),
					(r.checkedInAt() != null) ? Times.minutes(r.checkedInAt()) : null, r.checkedInPeople()));
		}
		ExcelExport.download(response, activity.title() + ".xlsx", msg("community.registrations"),
				List.of(msg("community.registration.id"), msg("community.registration.room"),
						msg("community.registration.name"), msg("community.registration.people"),
						msg("community.registration.status"), msg("community.registration.position"),
						msg("community.activity.fee"), msg("community.registration.createdAt"),
						msg("community.registration.checkedInAt"), msg("community.registration.checkedInPeople")),
				rows);
	}

	private String msg(String key) {
		return this.messages.get(LocaleContextHolder.getLocale(), key);
	}

	private String community(long id, Model model, String view) {
		return this.pages.show(id, model, view);
	}

}
