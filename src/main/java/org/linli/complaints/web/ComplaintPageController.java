package org.linli.complaints.web;

import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;
import org.linli.complaints.ComplaintCategory;
import org.linli.complaints.ComplaintChannel;
import org.linli.complaints.ComplaintKind;
import org.linli.complaints.ComplaintStatus;
import org.linli.complaints.ComplaintStatus.Step;
import org.linli.complaints.internal.ComplaintPhotos;
import org.linli.complaints.internal.ComplaintReports;
import org.linli.complaints.internal.ComplaintService;
import org.linli.complaints.internal.ComplaintView;
import org.linli.complaints.internal.Limits;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.CurrentStaff;
import org.linli.identity.Role;
import org.linli.identity.StaffUser;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.PageQuery;
import org.linli.shared.Times;
import org.linli.shared.excel.ExcelExport;
import org.linli.shared.web.Chart;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormErrors;
import org.linli.shared.web.FormValues;
import org.linli.workorders.RepairCategory;
import org.linli.workorders.Urgency;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Complaints and suggestions in the staff console: a community's list (filter, sort,
 * page, export), the front desk's form for callers and walk-ins, an item's page with its
 * timeline and the steps the signed-in member may take, the report with its charts, and
 * the community's limits.
 */
@Controller
class ComplaintPageController {

	private final ComplaintService complaints;

	private final ComplaintPhotos photos;

	private final ComplaintReports reports;

	private final Limits limits;

	private final Estate estate;

	private final CommunityDirectory communities;

	private final CurrentStaff current;

	private final Messages messages;

	private final java.time.Clock clock;

	private final JsonMapper json;

	ComplaintPageController(ComplaintService complaints, ComplaintPhotos photos, ComplaintReports reports,
			Limits limits, Estate estate, CommunityDirectory communities, CurrentStaff current, Messages messages,
			java.time.Clock clock, JsonMapper json) {
		this.json = json;
		this.complaints = complaints;
		this.photos = photos;
		this.reports = reports;
		this.limits = limits;
		this.estate = estate;
		this.communities = communities;
		this.current = current;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * The menu entry: the items of the chosen community, else of the first one served.
	 */
	@GetMapping("/admin/complaints")
	String entry(@RequestParam(required = false) Long communityId) {
		return "redirect:/admin/communities/" + this.communities.chosenWithin(this.current.scope(), communityId).id()
				+ "/complaints";
	}

	@GetMapping("/admin/communities/{id}/complaints")
	String list(@PathVariable long id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String category,
			@RequestParam(required = false) Boolean overdue, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, Model model) {
		model.addAttribute("page", this.complaints.list(id, filter(status, kind, category, overdue, q),
				new PageQuery(page, 30, sort, dir)));
		model.addAttribute("communityId", id);
		model.addAttribute("communityName", this.communities.nameOf(id));
		model.addAttribute("communities", this.communities.within(this.current.scope()));
		model.addAttribute("statuses", ComplaintStatus.values());
		model.addAttribute("kinds", ComplaintKind.values());
		model.addAttribute("categories", ComplaintCategory.values());
		return "complaints/list";
	}

	private static ComplaintService.Filter filter(String status, String kind, String category, Boolean overdue,
			String q) {
		return new ComplaintService.Filter(FormValues.filterChoice(ComplaintStatus.class, status),
				FormValues.filterChoice(ComplaintCategory.class, category),
				FormValues.filterChoice(ComplaintKind.class, kind), overdue, "OPEN".equals(status) ? true : null, null,
				q);
	}

	@GetMapping("/admin/communities/{id}/complaints/export.xlsx")
	void export(@PathVariable long id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String category,
			@RequestParam(required = false) Boolean overdue, @RequestParam(required = false) String q,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
			HttpServletResponse response) throws IOException {
		List<List<?>> rows = new ArrayList<>();
		for (ComplaintService.Row r : this.complaints.all(id, filter(status, kind, category, overdue, q),
				new PageQuery(0, 1, sort, dir))) {
			rows.add(Arrays.asList(r.number(), msg("complaints.kind." + r.kind()),
					msg("complaints.category." + r.category()), msg("complaints.status." + r.status()),
					author(r.anonymous(), r.authorName()), r.roomCode(), r.handlerName(), r.created(),
					r.resolveByTime(), r.overdue() ? msg("common.yes") : "", satisfied(r.satisfied())));
		}
		ExcelExport.download(response, msg("complaints.list.title") + ".xlsx", msg("complaints.list.title"),
				List.of(msg("complaints.number"), msg("complaints.kind"), msg("complaints.category"),
						msg("complaints.status"), msg("complaints.author"), msg("complaints.room"),
						msg("complaints.handler"), msg("complaints.createdAt"), msg("complaints.resolveBy"),
						msg("complaints.overdue"), msg("complaints.satisfied")),
				rows);
	}

	private String author(boolean anonymous, String name) {
		if (name != null) {
			return anonymous ? name + "（" + msg("complaints.anonymous") + "）" : name;
		}
		return anonymous ? msg("complaints.anonymous") : "";
	}

	private String satisfied(Boolean satisfied) {
		return (satisfied == null) ? ""
				: satisfied ? msg("complaints.confirm.satisfied") : msg("complaints.confirm.unsatisfied");
	}

	/** The front desk's form as typed. */
	public record RegistrationForm(String kind, String category, String channel, String description, String roomCode,
			String callerName, String callerPhone, Boolean anonymous) {

		static RegistrationForm blank() {
			return new RegistrationForm("COMPLAINT", "NOISE", "PHONE", null, null, null, null, false);
		}

	}

	@GetMapping("/admin/communities/{id}/complaints/new")
	String newForm(@PathVariable long id, Model model) {
		requireSupervisorOf(id);
		model.addAttribute("form", RegistrationForm.blank());
		return form(id, model);
	}

	/**
	 * The community is the member's (404 otherwise) and they supervise (403 otherwise).
	 */
	private void requireSupervisorOf(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		StaffUser me = this.current.require();
		if (!me.hasRole(Role.ADMIN) && !me.hasRole(Role.MANAGER) && !me.hasRole(Role.SERVICE)) {
			throw new org.springframework.security.access.AccessDeniedException("Not a supervisor");
		}
	}

	private String form(long id, Model model) {
		model.addAttribute("communityId", id);
		model.addAttribute("communityName", this.communities.nameOf(id));
		model.addAttribute("kinds", ComplaintKind.values());
		model.addAttribute("categories", ComplaintCategory.values());
		model.addAttribute("channels", List.of(ComplaintChannel.PHONE, ComplaintChannel.WALK_IN));
		return "complaints/form";
	}

	@PostMapping("/admin/communities/{id}/complaints")
	String register(@PathVariable long id, @ModelAttribute("form") RegistrationForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		requireSupervisorOf(id);
		try {
			FormValues values = new FormValues();
			ComplaintKind kind = values.choice(ComplaintKind.class, "kind", form.kind());
			ComplaintCategory category = values.choice(ComplaintCategory.class, "category", form.category());
			ComplaintChannel channel = values.choice(ComplaintChannel.class, "channel", form.channel());
			values.throwIfAny();
			Long roomId = null;
			if (form.roomCode() != null && !form.roomCode().isBlank()) {
				roomId = this.estate.findByCode(this.current.scope(), form.roomCode().trim())
					.stream()
					.filter((r) -> r.communityId() == id)
					.map(RoomRef::id)
					.findFirst()
					.orElseThrow(() -> InvalidInputException.field("roomCode", "complaints.room.notFound"));
			}
			ComplaintView item = this.complaints.register(id, new ComplaintService.Registration(kind, category, channel,
					form.description(), roomId, form.callerName(), form.callerPhone(), form.anonymous()));
			Flash.success(redirect, "complaints.created", item.number());
			return "redirect:/admin/complaints/" + item.id();
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result, Map.of("roomId", "roomCode"));
			return form(id, model);
		}
	}

	@GetMapping("/admin/complaints/{id}")
	String item(@PathVariable long id, Model model) {
		ComplaintView item = this.complaints.find(id);
		model.addAttribute("item", item);
		model.addAttribute("communityName", this.communities.nameOf(item.communityId()));
		StaffUser me = this.current.require();
		boolean supervisor = me.hasRole(Role.ADMIN) || me.hasRole(Role.MANAGER) || me.hasRole(Role.SERVICE);
		Set<String> allowed = Arrays.stream(Step.values())
			.filter((s) -> s.allowedFrom(item.status()))
			.map(Step::name)
			.collect(Collectors.toSet());
		model.addAttribute("supervisor", supervisor);
		model.addAttribute("works", this.complaints.mayWorkOn(item));
		model.addAttribute("allowed", allowed);
		model.addAttribute("handlers", (supervisor && (allowed.contains("ASSIGN") || allowed.contains("REASSIGN")))
				? this.complaints.handlers(item.communityId()) : List.of());
		model.addAttribute("repairCategories", RepairCategory.values());
		model.addAttribute("urgencies", Urgency.values());
		return "complaints/item";
	}

	@PostMapping("/admin/complaints/{id}/{action:assign|follow-up|resolve|link|work-order}")
	String step(@PathVariable long id, @PathVariable String action, @RequestParam Map<String, String> form,
			RedirectAttributes redirect) {
		try {
			switch (action) {
				case "assign" -> {
					FormValues values = new FormValues();
					Long handler = values.id("handlerId", form.get("handlerId"));
					values.throwIfAny();
					this.complaints.assign(id, handler);
				}
				case "follow-up" -> this.complaints.followUp(id,
						new ComplaintService.FollowUp(form.get("note"), form.get("contacted"), form.get("nextStep")));
				case "resolve" -> this.complaints.resolve(id, form.get("result"));
				case "link" -> {
					long community = this.complaints.find(id).communityId();
					this.complaints.link(id, this.complaints.idOfNumber(community, form.get("relatedNumber")));
				}
				default -> {
					FormValues values = new FormValues();
					RepairCategory category = values.choice(RepairCategory.class, "category", form.get("category"));
					Urgency urgency = values.choice(Urgency.class, "urgency",
							(form.get("urgency") != null) ? form.get("urgency") : "NORMAL");
					values.throwIfAny();
					ComplaintView item = this.complaints.openRepair(id, new ComplaintService.RepairRequest(category,
							urgency, form.get("description"), form.get("location"), "true".equals(form.get("inRoom"))));
					Flash.success(redirect, "complaints.step.done.work-order", item.workOrderNumber());
					return "redirect:/admin/complaints/" + id;
				}
			}
			Flash.success(redirect, "complaints.step.done." + action);
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
			// what was typed stays on the page
			redirect.addFlashAttribute("typed", new LinkedHashMap<>(form));
		}
		return "redirect:/admin/complaints/" + id;
	}

	@GetMapping("/admin/complaints/{id}/photos/{photoId}")
	ResponseEntity<StreamingResponseBody> photo(@PathVariable long id, @PathVariable long photoId) {
		return PhotoResponses.serve(photoId, this.photos.forStaff(id, photoId));
	}

	@GetMapping("/admin/communities/{id}/complaint-report")
	String report(@PathVariable long id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Model model) {
		ComplaintReports.Report report = reportOrThisYear(id, from, to, model);
		model.addAttribute("report", report);
		model.addAttribute("communityId", id);
		model.addAttribute("communityName", this.communities.nameOf(id));
		model.addAttribute("monthsChart", this.json.writeValueAsString(new Chart("bar", true,
				report.byMonth().stream().map((m) -> m.month().toString()).toList(),
				List.of(new Chart.Series(msg("complaints.kind.COMPLAINT"),
						report.byMonth().stream().map(ComplaintReports.MonthCount::complaints).toList()),
						new Chart.Series(msg("complaints.kind.SUGGESTION"),
								report.byMonth().stream().map(ComplaintReports.MonthCount::suggestions).toList()),
						new Chart.Series(msg("complaints.kind.PRAISE"),
								report.byMonth().stream().map(ComplaintReports.MonthCount::praise).toList())))));
		List<ComplaintCategory> present = report.byCategory()
			.entrySet()
			.stream()
			.filter((e) -> e.getValue() > 0)
			.map(Map.Entry::getKey)
			.toList();
		model.addAttribute("categoriesChart",
				this.json.writeValueAsString(new Chart("doughnut", false,
						present.stream().map((c) -> msg("complaints.category." + c)).toList(),
						List.of(new Chart.Series(msg("complaints.report.count"),
								present.stream().map((c) -> report.byCategory().get(c)).toList())))));
		return "complaints/report";
	}

	/**
	 * The report of the span asked for; this year's, with the problem shown, if refused.
	 */
	private ComplaintReports.Report reportOrThisYear(long id, String from, String to, Model model) {
		try {
			YearMonth[] span = span(from, to);
			return this.reports.report(id, span[0], span[1]);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errorProblems", ex.problems());
			YearMonth year = YearMonth.from(Times.today(this.clock));
			return this.reports.report(id, year.withMonth(1), year.withMonth(12));
		}
	}

	private YearMonth[] span(String from, String to) {
		YearMonth year = YearMonth.from(Times.today(this.clock));
		FormValues values = new FormValues();
		YearMonth start = (from != null && !from.isBlank()) ? values.month("from", from) : year.withMonth(1);
		YearMonth end = (to != null && !to.isBlank()) ? values.month("to", to) : year.withMonth(12);
		values.throwIfAny();
		return new YearMonth[] { start, end };
	}

	@GetMapping("/admin/communities/{id}/complaint-report/export.xlsx")
	void exportReport(@PathVariable long id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
		YearMonth[] span = span(from, to);
		ComplaintReports.Report report = this.reports.report(id, span[0], span[1]);
		List<List<?>> rows = new ArrayList<>();
		for (ComplaintReports.MonthCount m : report.byMonth()) {
			rows.add(Arrays.asList(msg("complaints.report.month"), m.month().toString(), m.complaints(),
					m.suggestions(), m.praise(), m.total()));
		}
		report.byCategory()
			.forEach((c, n) -> rows
				.add(Arrays.asList(msg("complaints.category"), msg("complaints.category." + c), null, null, null, n)));
		for (ComplaintReports.BuildingCount b : report.byBuilding()) {
			rows.add(Arrays.asList(msg("complaints.report.building"),
					(b.building() != null) ? b.building() : msg("complaints.report.noBuilding"), null, null, null,
					b.count()));
		}
		rows.add(Arrays.asList(msg("complaints.report.total"), "", report.byKind().get(ComplaintKind.COMPLAINT),
				report.byKind().get(ComplaintKind.SUGGESTION), report.byKind().get(ComplaintKind.PRAISE),
				report.total()));
		rows.add(Arrays.asList(msg("complaints.report.averageAccept"), report.averageAcceptHours(), null, null, null,
				null));
		rows.add(Arrays.asList(msg("complaints.report.averageResolve"), report.averageResolveHours(), null, null, null,
				null));
		rows.add(Arrays.asList(msg("complaints.report.satisfaction"), report.satisfactionRate(), null, null, null,
				report.confirmed()));
		for (ComplaintReports.RepeatRoom r : report.repeatRooms()) {
			rows.add(Arrays.asList(msg("complaints.report.repeatRooms"), r.roomCode(), null, null, null, r.count()));
		}
		for (ComplaintReports.RepeatTopic t : report.repeatTopics()) {
			rows.add(Arrays.asList(msg("complaints.report.repeatTopics"),
					((t.building() != null) ? t.building() : msg("complaints.report.noBuilding")) + " · "
							+ msg("complaints.category." + t.category()),
					null, null, null, t.count()));
		}
		String title = msg("complaints.report.title");
		ExcelExport.download(response, title + " " + report.from() + "~" + report.to() + ".xlsx", title,
				List.of(msg("complaints.report.section"), msg("complaints.report.key"),
						msg("complaints.kind.COMPLAINT"), msg("complaints.kind.SUGGESTION"),
						msg("complaints.kind.PRAISE"), msg("complaints.report.count")),
				rows);
	}

	@GetMapping("/admin/communities/{id}/complaint-settings")
	String settings(@PathVariable long id, Model model) {
		model.addAttribute("limits", this.limits.of(id));
		model.addAttribute("communityId", id);
		model.addAttribute("communityName", this.communities.nameOf(id));
		return "complaints/settings";
	}

	@PostMapping("/admin/communities/{id}/complaint-settings")
	String changeSettings(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
		try {
			FormValues values = new FormValues();
			Map<ComplaintCategory, Limits.Limit> changes = new LinkedHashMap<>();
			for (ComplaintCategory category : ComplaintCategory.values()) {
				Integer accept = values.integer("limits." + category + ".acceptMinutes",
						form.get(category + ".accept"));
				Integer resolve = values.integer("limits." + category + ".resolveMinutes",
						form.get(category + ".resolve"));
				changes.put(category, new Limits.Limit(accept, resolve));
			}
			values.throwIfAny();
			this.limits.change(id, changes);
			Flash.success(redirect, "complaints.limits.saved");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
			redirect.addFlashAttribute("typed", new LinkedHashMap<>(form));
		}
		return "redirect:/admin/communities/" + id + "/complaint-settings";
	}

	private String msg(String key) {
		return this.messages.get(LocaleContextHolder.getLocale(), key);
	}

}
