package org.linli.identity.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.linli.identity.Access;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.Permission;
import org.linli.identity.Role;
import org.linli.identity.internal.AuditEntries;
import org.linli.identity.internal.StaffAccounts;
import org.linli.identity.internal.StaffView;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;
import org.linli.shared.excel.ExcelExport;
import org.linli.shared.web.FormErrors;
import org.linli.shared.web.Pages;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/admin")
@PreAuthorize(Access.ADMIN)
class StaffPageController {

	private final StaffAccounts staff;

	private final AuditEntries audit;

	private final CommunityDirectory communities;

	private final Messages messages;

	StaffPageController(StaffAccounts staff, AuditEntries audit, CommunityDirectory communities, Messages messages) {
		this.staff = staff;
		this.audit = audit;
		this.communities = communities;
		this.messages = messages;
	}

	@ModelAttribute("allRoles")
	Role[] allRoles() {
		return Role.values();
	}

	@ModelAttribute("allPermissions")
	Permission[] allPermissions() {
		return Permission.values();
	}

	@GetMapping("/staff")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) Role role,
			@RequestParam(required = false) Boolean enabled, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, Model model, HttpServletRequest request) {
		model.addAttribute("page", this.staff.page(q, role, enabled, new PageQuery(page, size, sort, dir)));
		model.addAttribute("communityNames", communityNames());
		return Pages.isHtmx(request) ? "identity/staff-list :: results" : "identity/staff-list";
	}

	@GetMapping("/staff/export.xlsx")
	void export(@RequestParam(required = false) String q, @RequestParam(required = false) Role role,
			@RequestParam(required = false) Boolean enabled, HttpServletResponse response) throws IOException {
		PageView<StaffView> all = this.staff.page(q, role, enabled,
				new PageQuery(0, PageQuery.MAX_SIZE, "username", "asc"));
		List<List<?>> rows = new ArrayList<>();
		List<StaffView> content = new ArrayList<>(all.content());
		for (int p = 1; p < all.totalPages(); p++) {
			content.addAll(this.staff.page(q, role, enabled, new PageQuery(p, PageQuery.MAX_SIZE, "username", "asc"))
				.content());
		}
		var names = communityNames();
		for (StaffView s : content) {
			rows.add(List.of(s.username(), s.name(), (s.phone() != null) ? s.phone() : "",
					String.join(",", s.roles().stream().map((r) -> msg("identity.role." + r)).toList()),
					String.join(",",
							s.communityIds().stream().map((id) -> names.getOrDefault(id, String.valueOf(id))).toList()),
					msg(s.enabled() ? "identity.staff.enabled" : "identity.staff.disabled")));
		}
		ExcelExport.download(response, msg("identity.staff.title") + ".xlsx", msg("identity.staff.title"),
				List.of(msg("identity.staff.username"), msg("identity.staff.name"), msg("identity.staff.phone"),
						msg("identity.staff.roles"), msg("identity.staff.communities"), msg("identity.staff.status")),
				rows);
	}

	@GetMapping("/staff/new")
	String newForm(Model model) {
		model.addAttribute("form", StaffForm.blank());
		return form(model, null);
	}

	@PostMapping("/staff/new")
	String create(@Valid @ModelAttribute("form") StaffForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				StaffView created = this.staff.create(form.command());
				redirect.addFlashAttribute("success", "common.saved");
				return "redirect:/admin/staff?q=" + created.username();
			}
			catch (InvalidInputException ex) {
				FormErrors.apply(ex, result);
			}
		}
		return form(model, null);
	}

	@GetMapping("/staff/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		StaffView view = this.staff.get(id);
		model.addAttribute("form", StaffForm.of(view, this.staff.phoneOf(id)));
		return form(model, view);
	}

	@PostMapping("/staff/{id}/edit")
	String update(@PathVariable long id, @ModelAttribute("form") StaffForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		StaffView view = this.staff.get(id);
		try {
			this.staff.update(id, form.command());
			redirect.addFlashAttribute("success", "common.saved");
			return "redirect:/admin/staff";
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			return form(model, view);
		}
	}

	@PostMapping("/staff/{id}/disable")
	String disable(@PathVariable long id, RedirectAttributes redirect) {
		try {
			this.staff.disable(id);
			redirect.addFlashAttribute("success", "identity.staff.disabledNotice");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.problems().get(0).messageKey());
		}
		return "redirect:/admin/staff";
	}

	@PostMapping("/staff/{id}/enable")
	String enable(@PathVariable long id, RedirectAttributes redirect) {
		this.staff.enable(id);
		redirect.addFlashAttribute("success", "common.saved");
		return "redirect:/admin/staff";
	}

	@GetMapping("/audit")
	String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String targetType, @RequestParam(required = false) String targetId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size, Model model,
			HttpServletRequest request) {
		PageView<AuditEntries.AuditEntryView> entries = this.audit.page(
				new AuditEntries.AuditFilter(actor, action, targetType, targetId, from, to),
				new PageQuery(page, size, null, null));
		model.addAttribute("page", new PageView<>(entries.content().stream().map(this::readable).toList(),
				entries.page(), entries.size(), entries.totalElements(), entries.totalPages()));
		model.addAttribute("actions",
				this.audit.actions()
					.stream()
					.map((a) -> new Choice(a, this.messages.get("audit.action." + a)))
					.sorted(java.util.Comparator.comparing(Choice::label))
					.toList());
		model.addAttribute("targetTypes",
				this.audit.targetTypes()
					.stream()
					.map((t) -> new Choice(t, this.messages.get("audit.target." + t)))
					.toList());
		return Pages.isHtmx(request) ? "identity/audit :: results" : "identity/audit";
	}

	/** A value to choose in a filter, with its label in the reader's language. */
	record Choice(String value, String label) {
	}

	/** An audit entry as people read it: what was done, to what, and what changed. */
	record ReadableEntry(String time, String actor, String ip, String action, String target, List<String> changes) {
	}

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	private ReadableEntry readable(AuditEntries.AuditEntryView e) {
		List<String> changes = new java.util.ArrayList<>();
		if (e.details() != null && !e.details().isBlank()) {
			try {
				tools.jackson.databind.JsonNode details = JSON.readTree(e.details());
				for (var field : details.properties()) {
					String label = this.messages.get("field." + field.getKey());
					tools.jackson.databind.JsonNode value = field.getValue();
					if (value.isObject() && value.has("from") && value.has("to")) {
						changes.add(this.messages.get("audit.changedFromTo", label, value.get("from").asString(),
								value.get("to").asString()));
					}
					else if (value.isString() && "changed".equals(value.asString())) {
						changes.add(label + "：" + this.messages.get("audit.changed"));
					}
					else {
						changes.add(label + "：" + (value.isValueNode() ? value.asString() : value.toString()));
					}
				}
			}
			catch (RuntimeException ex) {
				changes.add(e.details());
			}
		}
		String target = (e.targetType() != null) ? this.messages.get("audit.target." + e.targetType())
				+ ((e.targetId() != null) ? " #" + e.targetId() : "") : "";
		return new ReadableEntry(e.time(), e.actorName(), e.ip(), this.messages.get("audit.action." + e.action()),
				target, changes);
	}

	private String form(Model model, StaffView editing) {
		model.addAttribute("editing", editing);
		model.addAttribute("communities", this.communities.allCommunities());
		return "identity/staff-form";
	}

	private java.util.Map<Long, String> communityNames() {
		java.util.Map<Long, String> names = new java.util.HashMap<>();
		this.communities.allCommunities().forEach((c) -> names.put(c.id(), c.name()));
		return names;
	}

	private String msg(String key) {
		return this.messages.get(key);
	}

}
