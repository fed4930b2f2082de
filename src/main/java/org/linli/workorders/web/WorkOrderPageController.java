package org.linli.workorders.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.CurrentStaff;
import org.linli.identity.Role;
import org.linli.identity.StaffUser;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.PageQuery;
import org.linli.shared.excel.ExcelExport;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormErrors;
import org.linli.shared.web.FormValues;
import org.linli.workorders.Area;
import org.linli.workorders.RepairCategory;
import org.linli.workorders.Urgency;
import org.linli.workorders.WorkOrderSource;
import org.linli.workorders.WorkOrderStatus;
import org.linli.workorders.WorkOrderStatus.Step;
import org.linli.workorders.internal.Dispatching;
import org.linli.workorders.internal.Settings;
import org.linli.workorders.internal.WorkOrderPhotos;
import org.linli.workorders.internal.WorkOrderService;
import org.linli.workorders.internal.WorkOrderView;

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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Repair orders in the staff console: a community's list (filter, sort, page, export),
 * the front desk's form for callers, an order's page with its timeline and the steps the
 * signed-in member may take, the technician's phone page of their orders and the pool,
 * and the manager's overview with the community's rules and price list.
 */
@Controller
class WorkOrderPageController {

	private final WorkOrderService orders;

	private final WorkOrderPhotos photos;

	private final Dispatching dispatching;

	private final Settings settings;

	private final Estate estate;

	private final CommunityDirectory communities;

	private final CurrentStaff current;

	private final Messages messages;

	WorkOrderPageController(WorkOrderService orders, WorkOrderPhotos photos, Dispatching dispatching, Settings settings,
			Estate estate, CommunityDirectory communities, CurrentStaff current, Messages messages) {
		this.orders = orders;
		this.photos = photos;
		this.dispatching = dispatching;
		this.settings = settings;
		this.estate = estate;
		this.communities = communities;
		this.current = current;
		this.messages = messages;
	}

	/**
	 * The menu entry: the orders of the chosen community, else of the first one served.
	 */
	@GetMapping("/admin/work-orders")
	String entry(@RequestParam(required = false) Long communityId) {
		return "redirect:/admin/communities/" + this.communities.chosenWithin(this.current.scope(), communityId).id()
				+ "/work-orders";
	}

	@GetMapping("/admin/communities/{id}/work-orders")
	String list(@PathVariable long id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String source, @RequestParam(required = false) Boolean overdue,
			@RequestParam(required = false) Boolean callbackDue, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, Model model) {
		WorkOrderService.Filter filter = filter(status, source, overdue, callbackDue, q);
		model.addAttribute("page", this.orders.list(id, filter, new PageQuery(page, 30, sort, dir)));
		model.addAttribute("communityId", id);
		model.addAttribute("communityName", this.communities.nameOf(id));
		model.addAttribute("communities", this.communities.within(this.current.scope()));
		model.addAttribute("statuses", WorkOrderStatus.values());
		model.addAttribute("sources", WorkOrderSource.values());
		return "workorders/list";
	}

	private static WorkOrderService.Filter filter(String status, String source, Boolean overdue, Boolean callbackDue,
			String q) {
		// besides the states, OPEN (not yet completed) and POOL (waiting for a
		// technician)
		return new WorkOrderService.Filter(FormValues.filterChoice(WorkOrderStatus.class, status), null, overdue,
				FormValues.filterChoice(WorkOrderSource.class, source), null, callbackDue, q,
				"OPEN".equals(status) ? true : null, "POOL".equals(status) ? true : null);
	}

	@GetMapping("/admin/communities/{id}/work-orders/export.xlsx")
	void export(@PathVariable long id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String source, @RequestParam(required = false) Boolean overdue,
			@RequestParam(required = false) Boolean callbackDue, @RequestParam(required = false) String q,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
			HttpServletResponse response) throws IOException {
		List<List<?>> rows = new ArrayList<>();
		for (WorkOrderService.Row r : this.orders.all(id, filter(status, source, overdue, callbackDue, q),
				new PageQuery(0, 1, sort, dir))) {
			rows.add(Arrays.asList(r.number(), r.place(), msg("workorders.category." + r.category()),
					msg("workorders.urgency." + r.urgency()), msg("workorders.status." + r.status()),
					msg("workorders.source." + r.source()), r.assigneeName(), r.created(), r.resolveByTime(),
					r.overdue() ? msg("common.yes") : "", r.rating()));
		}
		ExcelExport.download(response, msg("workorders.list.title") + ".xlsx", msg("workorders.list.title"),
				List.of(msg("workorders.number"), msg("workorders.place"), msg("workorders.category"),
						msg("workorders.urgency"), msg("workorders.status"), msg("workorders.source"),
						msg("workorders.assignee"), msg("workorders.createdAt"), msg("workorders.resolveBy"),
						msg("workorders.overdue"), msg("workorders.rating")),
				rows);
	}

	@GetMapping("/admin/communities/{id}/work-orders/new")
	String newForm(@PathVariable long id, Model model) {
		this.current.requireCommunity(id, "community", id);
		model.addAttribute("form", StaffReportForm.blank());
		return form(id, model);
	}

	private String form(long id, Model model) {
		model.addAttribute("communityId", id);
		model.addAttribute("communityName", this.communities.nameOf(id));
		model.addAttribute("areas", Area.values());
		model.addAttribute("categories", RepairCategory.values());
		model.addAttribute("urgencies", Urgency.values());
		return "workorders/form";
	}

	@PostMapping("/admin/communities/{id}/work-orders")
	String register(@PathVariable long id, @ModelAttribute("form") StaffReportForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		try {
			Long roomId = null;
			if (form.roomCode() != null && !form.roomCode().isBlank()) {
				roomId = this.estate.findByCode(this.current.scope(), form.roomCode().trim())
					.stream()
					.filter((r) -> r.communityId() == id)
					.map(RoomRef::id)
					.findFirst()
					.orElseThrow(() -> InvalidInputException.field("roomCode", "workorders.room.notFound"));
			}
			WorkOrderView order = this.orders.register(id, form.command(roomId));
			Flash.success(redirect, "workorders.created", order.number());
			return "redirect:/admin/work-orders/" + order.id();
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result, Map.of("roomId", "roomCode"));
			return form(id, model);
		}
	}

	@GetMapping("/admin/work-orders/{id}")
	String order(@PathVariable long id, Model model) {
		WorkOrderView order = this.orders.find(id);
		model.addAttribute("order", order);
		model.addAttribute("communityName", this.communities.nameOf(order.communityId()));
		if (!model.containsAttribute("completion")) {
			model.addAttribute("completion", CompletionForm.blank());
		}
		model.addAttribute("rows", java.util.stream.IntStream.range(0, CompletionForm.ROWS).boxed().toList());
		model.addAttribute("prices", this.settings.prices(order.communityId()));
		model.addAttribute("poolEnabled", this.settings.of(order.communityId()).poolEnabled());
		StaffUser me = this.current.require();
		boolean dispatcher = me.hasRole(Role.ADMIN) || me.hasRole(Role.MANAGER) || me.hasRole(Role.SERVICE);
		boolean manager = me.hasRole(Role.ADMIN) || me.hasRole(Role.MANAGER);
		model.addAttribute("dispatcher", dispatcher);
		model.addAttribute("manager", manager);
		model.addAttribute("technician", me.hasRole(Role.TECHNICIAN));
		model.addAttribute("works", manager || Long.valueOf(me.getAccountId()).equals(order.assigneeId()));
		model.addAttribute("allowed",
				java.util.Arrays.stream(Step.values())
					.filter((s) -> s.allowedFrom(order.status()))
					.map(Step::name)
					.collect(java.util.stream.Collectors.toSet()));
		java.util.Set<String> allowed = java.util.Arrays.stream(Step.values())
			.filter((s) -> s.allowedFrom(order.status()))
			.map(Step::name)
			.collect(java.util.stream.Collectors.toSet());
		boolean works = manager || Long.valueOf(me.getAccountId()).equals(order.assigneeId());
		boolean poolEnabled = this.settings.of(order.communityId()).poolEnabled();
		model
			.addAttribute("actions",
					(dispatcher && (allowed.contains("ASSIGN") || allowed.contains("CANCEL")))
							|| (me.hasRole(Role.TECHNICIAN) && poolEnabled && allowed.contains("TAKE"))
							|| (works && java.util.stream.Stream
								.of("ACCEPT", "START", "RESUME", "HOLD", "RETURN", "COMPLETE")
								.anyMatch(allowed::contains))
							|| (dispatcher && order.callbackDue()));
		model.addAttribute("candidates",
				(dispatcher && Step.ASSIGN.allowedFrom(order.status())) ? this.dispatching.candidates(id) : List.of());
		return "workorders/order";
	}

	@PostMapping("/admin/work-orders/{id}/{action:assign|take|accept|start|hold|resume|return|cancel|callback}")
	String step(@PathVariable long id, @PathVariable String action, @RequestParam(required = false) Long assigneeId,
			@RequestParam(required = false) String note, @RequestParam(required = false) String back,
			RedirectAttributes redirect) {
		try {
			switch (action) {
				case "assign" -> this.orders.assign(id, assigneeId);
				case "take" -> this.orders.take(id);
				case "cancel" -> this.orders.cancel(id, note);
				case "callback" -> this.orders.callback(id, note);
				default -> this.orders.advance(id, Step.valueOf(action.toUpperCase(java.util.Locale.ROOT)), note);
			}
			Flash.success(redirect, "workorders.step.done." + action);
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "mine".equals(back) ? "redirect:/admin/my-work-orders" : "redirect:/admin/work-orders/" + id;
	}

	/**
	 * Where a refused completion left the browser: reloading it, or switching the
	 * language there, shows the order again.
	 */
	@GetMapping("/admin/work-orders/{id}/complete")
	String completeAgain(@PathVariable long id) {
		return "redirect:/admin/work-orders/" + id;
	}

	@PostMapping("/admin/work-orders/{id}/complete")
	String complete(@PathVariable long id, @ModelAttribute("completion") CompletionForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		try {
			WorkOrderView order = this.orders.complete(id, form.command());
			Flash.success(redirect, (order.charge() != null) ? "workorders.completedCharged" : "workorders.completed",
					(order.charge() != null) ? order.charge().amount().toPlainString() : "");
			return "redirect:/admin/work-orders/" + id;
		}
		catch (InvalidInputException ex) {
			// the service numbers the materials given; the page, its rows
			Map<String, String> fields = new HashMap<>();
			List<Integer> rows = form.usedRows();
			for (int k = 0; k < rows.size(); k++) {
				fields.put("materials[" + k + "].name", "materialName[" + rows.get(k) + "]");
				fields.put("materials[" + k + "].quantity", "materialQuantity[" + rows.get(k) + "]");
				fields.put("materials[" + k + "].unitPrice", "materialUnitPrice[" + rows.get(k) + "]");
			}
			FormErrors.apply(ex, result, fields);
			model.addAttribute("completeOpen", true);
			return order(id, model);
		}
	}

	@PostMapping("/admin/work-orders/{id}/photos")
	String addPhoto(@PathVariable long id, @RequestParam(required = false) MultipartFile file,
			RedirectAttributes redirect) throws IOException {
		try {
			this.photos.addForStaff(id, (file != null) ? file.getBytes() : null, this.current.require().getUsername());
			Flash.success(redirect, "workorders.photo.added");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/work-orders/" + id;
	}

	@GetMapping("/admin/work-orders/{id}/photos/{photoId}")
	ResponseEntity<StreamingResponseBody> photo(@PathVariable long id, @PathVariable long photoId) {
		return WorkOrderApiController.serve(photoId, this.photos.forStaff(id, photoId));
	}

	/** The technician's phone page: their orders, then the pool. */
	@GetMapping("/admin/my-work-orders")
	String mine(Model model) {
		model.addAttribute("mine", this.orders.mine());
		return "workorders/mine";
	}

	@GetMapping("/admin/communities/{id}/work-order-overview")
	String overview(@PathVariable long id, Model model) {
		model.addAttribute("overview", this.dispatching.overview(id));
		model.addAttribute("rules", this.settings.of(id));
		model.addAttribute("prices", this.settings.prices(id));
		model.addAttribute("urgencies", Urgency.values());
		model.addAttribute("communityId", id);
		model.addAttribute("communityName", this.communities.nameOf(id));
		return "workorders/overview";
	}

	@PostMapping("/admin/communities/{id}/work-order-settings")
	String changeRules(@PathVariable long id, @RequestParam(required = false) Boolean poolEnabled,
			@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		try {
			Map<Urgency, Settings.Limit> limits = new java.util.EnumMap<>(Urgency.class);
			for (Urgency urgency : Urgency.values()) {
				limits.put(urgency, new Settings.Limit(minutes(form.get(urgency + ".respond")),
						minutes(form.get(urgency + ".resolve"))));
			}
			this.settings.change(id, new Settings.Rules(Boolean.TRUE.equals(poolEnabled), limits));
			Flash.success(redirect, "common.saved");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/communities/" + id + "/work-order-overview";
	}

	/** Hours as typed (e.g. "0.5", "24") in whole minutes; null when not a number. */
	private static Integer minutes(String hours) {
		try {
			return (hours == null || hours.isBlank()) ? null
					: new java.math.BigDecimal(hours.trim()).multiply(java.math.BigDecimal.valueOf(60)).intValue();
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@PostMapping("/admin/communities/{id}/work-order-prices")
	String putPrice(@PathVariable long id, @RequestParam(required = false) String name,
			@RequestParam(required = false) String unit, @RequestParam(required = false) String unitPrice,
			RedirectAttributes redirect) {
		try {
			java.math.BigDecimal price;
			try {
				price = (unitPrice == null || unitPrice.isBlank()) ? null : new java.math.BigDecimal(unitPrice.trim());
			}
			catch (NumberFormatException ex) {
				throw InvalidInputException.field("unitPrice", "validation.number");
			}
			this.settings.putPrice(id, new Settings.PriceCommand(name, unit, price));
			Flash.success(redirect, "common.saved");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/communities/" + id + "/work-order-overview";
	}

	@PostMapping("/admin/work-order-prices/{priceId}/remove")
	String removePrice(@PathVariable long priceId, @RequestParam long communityId, RedirectAttributes redirect) {
		this.settings.removePrice(priceId);
		Flash.success(redirect, "common.saved");
		return "redirect:/admin/communities/" + communityId + "/work-order-overview";
	}

	private String msg(String key) {
		return this.messages.get(key);
	}

}
