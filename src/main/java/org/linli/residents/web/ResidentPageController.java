package org.linli.residents.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.linli.estate.RoomRef;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.CommunityScope;
import org.linli.identity.CurrentStaff;
import org.linli.residents.Gender;
import org.linli.residents.IdType;
import org.linli.residents.OccupancyRole;
import org.linli.residents.OpenLinesAtMoveOut;
import org.linli.residents.internal.Occupancies;
import org.linli.residents.internal.ResidentFilter;
import org.linli.residents.internal.ResidentImport;
import org.linli.residents.internal.ResidentService;
import org.linli.residents.internal.ResidentView;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.PageQuery;
import org.linli.shared.Times;
import org.linli.shared.excel.ExcelExport;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormErrors;
import org.linli.shared.web.Pages;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff console's resident pages: search, register (and move in), profile with the
 * room history, move out, room change, portal invitation, a room's occupants, Excel
 * export and import.
 */
@Controller
@RequestMapping("/admin")
class ResidentPageController {

	private final ResidentService residents;

	private final Occupancies occupancies;

	private final ResidentImport residentImport;

	private final CommunityDirectory communities;

	private final CurrentStaff current;

	private final Messages messages;

	private final Clock clock;

	ResidentPageController(ResidentService residents, Occupancies occupancies, ResidentImport residentImport,
			CommunityDirectory communities, CurrentStaff current, Messages messages, Clock clock) {
		this.clock = clock;
		this.residents = residents;
		this.occupancies = occupancies;
		this.residentImport = residentImport;
		this.communities = communities;
		this.current = current;
		this.messages = messages;
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("roles", OccupancyRole.values());
		model.addAttribute("genders", Gender.values());
		model.addAttribute("idTypes", IdType.values());
	}

	@GetMapping("/residents")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String room,
			@RequestParam(required = false) OccupancyRole role, @RequestParam(required = false) String state,
			@RequestParam(required = false) Long communityId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, Model model, HttpServletRequest request) {
		model.addAttribute("page", this.residents.page(new ResidentFilter(q, room, role, state, communityId),
				new PageQuery(page, size, sort, dir)));
		model.addAttribute("communities", visibleCommunities());
		return Pages.isHtmx(request) ? "residents/list :: results" : "residents/list";
	}

	@GetMapping("/residents/export.xlsx")
	void export(@RequestParam(required = false) String q, @RequestParam(required = false) String room,
			@RequestParam(required = false) OccupancyRole role, @RequestParam(required = false) String state,
			@RequestParam(required = false) Long communityId, HttpServletResponse response) throws IOException {
		List<List<?>> rows = new ArrayList<>();
		for (ResidentView r : this.residents.all(new ResidentFilter(q, room, role, state, communityId), 50_000)) {
			rows.add(Arrays.asList(r.name(), r.phone(), r.idNumber(),
					(r.gender() != null) ? msg("residents.gender." + r.gender()) : null,
					String.join("，",
							r.currentRooms()
								.stream()
								.map((o) -> o.roomCode() + " " + msg("residents.role." + o.role()))
								.toList()),
					r.emergencyContact(), r.note()));
		}
		ExcelExport.download(response, msg("residents.title") + ".xlsx", msg("residents.title"),
				List.of(msg("residents.name"), msg("residents.phone"), msg("residents.idNumber"),
						msg("residents.gender"), msg("residents.currentRooms"), msg("residents.emergencyContact"),
						msg("residents.note")),
				rows);
	}

	@GetMapping("/residents/new")
	String newForm(@RequestParam(required = false) Long roomId, Model model) {
		RoomRef room = (roomId != null) ? this.occupancies.room(roomId) : null;
		model.addAttribute("form", ResidentForm.blank(room, LocalDate.now(this.clock)));
		return form(model, null);
	}

	@PostMapping("/residents/new")
	String create(@ModelAttribute("form") ResidentForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				ResidentView created = this.residents.register(form.registration());
				redirect.addFlashAttribute("success", "common.saved");
				return "redirect:/admin/residents/" + created.id();
			}
			catch (InvalidInputException ex) {
				FormErrors.apply(ex, result);
				model.addAttribute("duplicatePhone",
						ex.problems().stream().anyMatch((p) -> "phone".equals(p.field()) && ex.status() == 409));
			}
		}
		return form(model, null);
	}

	@GetMapping("/residents/{id}")
	String profile(@PathVariable long id, Model model) {
		ResidentView resident = this.residents.get(id);
		model.addAttribute("resident", resident);
		model.addAttribute("history", this.occupancies.ofResident(id));
		model.addAttribute("portalState", this.residents.portalState(id).name());
		model.addAttribute("today", LocalDate.now(this.clock));
		return "residents/profile";
	}

	@GetMapping("/residents/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		ResidentView view = this.residents.get(id);
		model.addAttribute("form", ResidentForm.of(view));
		return form(model, view);
	}

	@PostMapping("/residents/{id}/edit")
	String update(@PathVariable long id, @ModelAttribute("form") ResidentForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		ResidentView view = this.residents.get(id);
		if (!result.hasErrors()) {
			try {
				this.residents.update(id, form.change(view.communityId()));
				redirect.addFlashAttribute("success", "common.saved");
				return "redirect:/admin/residents/" + id;
			}
			catch (InvalidInputException ex) {
				FormErrors.apply(ex, result);
				model.addAttribute("duplicatePhone",
						ex.problems().stream().anyMatch((p) -> "phone".equals(p.field()) && ex.status() == 409));
			}
		}
		return form(model, view);
	}

	@PostMapping("/residents/{id}/move-in")
	String moveIn(@PathVariable long id, @RequestParam(required = false) String roomCode,
			@RequestParam(required = false) OccupancyRole role,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since,
			RedirectAttributes redirect) {
		// room codes are read within the resident's community: "1-1-101" exists in most
		// communities
		Long community = this.residents.get(id).communityId();
		return act(id, redirect, () -> this.occupancies.moveIn(this.occupancies.roomFor(null, roomCode, community).id(),
				id, role, since));
	}

	@PostMapping("/residents/{id}/room-change")
	String roomChange(@PathVariable long id, @RequestParam(required = false) Long fromRoomId,
			@RequestParam(required = false) String toRoomCode,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			RedirectAttributes redirect) {
		Long community = this.residents.get(id).communityId();
		return act(id, redirect,
				() -> this.occupancies.changeRoom(id, fromRoomId, (toRoomCode != null && !toRoomCode.isBlank())
						? this.occupancies.roomFor(null, toRoomCode, community).id() : null, date));
	}

	@PostMapping("/residents/{id}/occupancies/{occupancyId}/end")
	String end(@PathVariable long id, @PathVariable long occupancyId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
			@RequestParam(required = false) String reason, RedirectAttributes redirect, Locale locale) {
		return act(id, redirect, () -> {
			List<OpenLinesAtMoveOut.OpenLine> open = this.occupancies.end(occupancyId, until, reason).openLines();
			if (open != null && !open.isEmpty()) {
				// the person moved out owing: staff see which lines, to settle or pursue
				String lines = open.stream()
					.map((line) -> line.period() + " " + line.feeItem() + " " + line.outstanding())
					.collect(Collectors.joining("en".equals(locale.getLanguage()) ? "; " : "；"));
				BigDecimal total = open.stream()
					.map(OpenLinesAtMoveOut.OpenLine::outstanding)
					.reduce(BigDecimal.ZERO, BigDecimal::add);
				Flash.warning(redirect, "residents.occupancy.endedOwing", open.size(), total.toPlainString(), lines);
			}
		});
	}

	@PostMapping("/residents/{id}/invite")
	String invite(@PathVariable long id, RedirectAttributes redirect) {
		ResidentService.InvitationSent sent = this.residents.invite(id);
		Flash.success(redirect, "residents.invitation.sent", sent.sentTo(), Times.minutes(sent.expiresAt()));
		return "redirect:/admin/residents/" + id;
	}

	@PostMapping("/residents/{id}/portal-account")
	String portalAccount(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
		this.residents.setPortalEnabled(id, enabled);
		Flash.success(redirect, enabled ? "residents.portal.enabledNow" : "residents.portal.disabledNow");
		return "redirect:/admin/residents/" + id;
	}

	@GetMapping("/rooms/{id}/occupants")
	String roomOccupants(@PathVariable long id, Model model) {
		model.addAttribute("room", this.occupancies.room(id));
		model.addAttribute("history", this.occupancies.ofRoom(id, true));
		return "residents/room";
	}

	@GetMapping("/residents/import")
	String importPage(Model model) {
		model.addAttribute("communities", visibleCommunities());
		return "residents/import";
	}

	@GetMapping("/residents/import/template.xlsx")
	ResponseEntity<byte[]> template() throws IOException {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, ExcelExport.XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"residents-template.xlsx\"")
			.body(this.residentImport.template());
	}

	@PostMapping("/residents/import")
	String importResidents(@RequestParam(required = false) Long communityId,
			@RequestParam(name = "file", required = false) MultipartFile file, Model model, RedirectAttributes redirect)
			throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw InvalidInputException.field("file", "validation.file.empty");
			}
			if (communityId == null) {
				throw InvalidInputException.field("communityId", "validation.required");
			}
			ResidentImport.ImportReport report = this.residentImport.importResidents(communityId,
					file.getInputStream());
			if (report.ok()) {
				redirect.addFlashAttribute("success", "residents.import.done");
				redirect.addFlashAttribute("successArgs", new Object[] { report.residents(), report.occupancies() });
				return "redirect:/admin/residents";
			}
			model.addAttribute("report", report);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("fileError", ex.problems().get(0).messageKey());
			model.addAttribute("fileErrorArgs", ex.problems().get(0).args());
		}
		model.addAttribute("communities", visibleCommunities());
		return "residents/import";
	}

	private String act(long id, RedirectAttributes redirect, Runnable action) {
		try {
			action.run();
			if (!redirect.getFlashAttributes().containsKey("warning")) {
				redirect.addFlashAttribute("success", "common.saved");
			}
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/residents/" + id;
	}

	private String form(Model model, ResidentView editing) {
		model.addAttribute("editing", editing);
		model.addAttribute("communities", visibleCommunities());
		return "residents/form";
	}

	private List<CommunityDirectory.CommunityRef> visibleCommunities() {
		CommunityScope scope = this.current.scope();
		return this.communities.allCommunities().stream().filter((c) -> scope.includes(c.id())).toList();
	}

	private String msg(String key) {
		return this.messages.get(key);
	}

}
