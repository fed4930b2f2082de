package org.linli.estate.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.linli.estate.RoomStatus;
import org.linli.estate.RoomType;
import org.linli.estate.internal.CommunityView;
import org.linli.estate.internal.EstateService;
import org.linli.estate.internal.RoomFilter;
import org.linli.estate.internal.RoomImport;
import org.linli.estate.internal.RoomService;
import org.linli.estate.internal.RoomView;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.PageQuery;
import org.linli.shared.excel.ExcelExport;
import org.linli.shared.web.FormErrors;
import org.linli.shared.web.Pages;

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
 * The rooms of a community: the list (filter, sort, page), Excel export, the import
 * template and import, and the room form.
 */
@Controller
@RequestMapping("/admin")
class RoomPageController {

	private final EstateService estate;

	private final RoomService rooms;

	private final RoomImport roomImport;

	private final Messages messages;

	RoomPageController(EstateService estate, RoomService rooms, RoomImport roomImport, Messages messages) {
		this.estate = estate;
		this.rooms = rooms;
		this.roomImport = roomImport;
		this.messages = messages;
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("roomTypes", RoomType.values());
		model.addAttribute("roomStatuses", RoomStatus.values());
	}

	@GetMapping("/communities/{id}/rooms")
	String list(@PathVariable long id, @RequestParam(required = false) Long buildingId,
			@RequestParam(required = false) String unit, @RequestParam(required = false) RoomStatus status,
			@RequestParam(required = false) RoomType type, @RequestParam(required = false) String number,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir, Model model,
			HttpServletRequest request) {
		CommunityView community = this.estate.community(id);
		model.addAttribute("community", community);
		model.addAttribute("buildings", this.estate.buildingChoices(id));
		model.addAttribute("page", this.rooms.page(id, new RoomFilter(buildingId, unit, status, type, number),
				new PageQuery(page, size, sort, dir)));
		return Pages.isHtmx(request) ? "estate/rooms :: results" : "estate/rooms";
	}

	@GetMapping("/communities/{id}/rooms/export.xlsx")
	void export(@PathVariable long id, @RequestParam(required = false) Long buildingId,
			@RequestParam(required = false) String unit, @RequestParam(required = false) RoomStatus status,
			@RequestParam(required = false) RoomType type, @RequestParam(required = false) String number,
			HttpServletResponse response) throws IOException {
		CommunityView community = this.estate.community(id);
		List<List<?>> rows = new ArrayList<>();
		this.rooms.forEach(id, new RoomFilter(buildingId, unit, status, type, number),
				(room) -> rows.add(List.of(room.building(), (room.unit() != null) ? room.unit() : "", room.floor(),
						room.number(), room.buildingArea(), (room.usableArea() != null) ? room.usableArea() : "",
						msg("estate.room.type." + room.type()), msg("estate.room.status." + room.status()),
						room.handoverDate().toString())));
		ExcelExport.download(response, community.name() + "-" + msg("estate.room.title") + ".xlsx",
				msg("estate.room.title"),
				List.of(msg("estate.import.column.building"), msg("estate.import.column.unit"),
						msg("estate.import.column.floor"), msg("estate.import.column.number"),
						msg("estate.import.column.buildingArea"), msg("estate.import.column.usableArea"),
						msg("estate.import.column.type"), msg("estate.import.column.status"),
						msg("estate.import.column.handoverDate")),
				rows);
	}

	@GetMapping("/communities/{id}/rooms/template.xlsx")
	ResponseEntity<byte[]> template(@PathVariable long id) throws IOException {
		this.estate.community(id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, ExcelExport.XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rooms-template.xlsx\"")
			.body(this.roomImport.template());
	}

	@PostMapping("/communities/{id}/rooms/import")
	String importRooms(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file,
			Model model, RedirectAttributes redirect) throws IOException {
		CommunityView community = this.estate.community(id);
		try {
			if (file == null || file.isEmpty()) {
				throw InvalidInputException.field("file", "validation.file.empty");
			}
			RoomImport.ImportReport report = this.roomImport.importRooms(id, file.getInputStream());
			if (report.ok()) {
				redirect.addFlashAttribute("success", "estate.import.done");
				redirect.addFlashAttribute("successArgs", new Object[] { report.imported() });
				return "redirect:/admin/communities/" + id + "/rooms";
			}
			model.addAttribute("report", report);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("fileError", ex.problems().get(0).messageKey());
			model.addAttribute("fileErrorArgs", ex.problems().get(0).args());
		}
		model.addAttribute("community", community);
		return "estate/room-import";
	}

	@GetMapping("/communities/{id}/rooms/import")
	String importPage(@PathVariable long id, Model model) {
		model.addAttribute("community", this.estate.community(id));
		return "estate/room-import";
	}

	@GetMapping("/communities/{id}/rooms/new")
	String newRoom(@PathVariable long id, @RequestParam(required = false) Long buildingId, Model model) {
		model.addAttribute("form", RoomForm.blank(buildingId));
		return form(model, this.estate.community(id), null);
	}

	@PostMapping("/communities/{id}/rooms/new")
	String create(@PathVariable long id, @ModelAttribute("form") RoomForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		CommunityView community = this.estate.community(id);
		if (form.building() == null) {
			result.rejectValue("buildingId", "validation.required");
		}
		if (!result.hasErrors()) {
			try {
				RoomView created = this.rooms.create(form.building(), form.command());
				redirect.addFlashAttribute("success", "common.saved");
				return "redirect:/admin/communities/" + id + "/rooms?buildingId=" + created.buildingId() + "&number="
						+ created.number();
			}
			catch (InvalidInputException ex) {
				FormErrors.apply(ex, result);
			}
		}
		return form(model, community, null);
	}

	@GetMapping("/rooms/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		RoomView view = this.rooms.room(id);
		model.addAttribute("form", RoomForm.of(view));
		return form(model, this.estate.community(view.communityId()), view);
	}

	@PostMapping("/rooms/{id}/edit")
	String update(@PathVariable long id, @ModelAttribute("form") RoomForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		RoomView view = this.rooms.room(id);
		if (!result.hasErrors()) {
			try {
				this.rooms.update(id, form.command());
				redirect.addFlashAttribute("success", "common.saved");
				return "redirect:/admin/communities/" + view.communityId() + "/rooms?buildingId=" + view.buildingId();
			}
			catch (InvalidInputException ex) {
				FormErrors.apply(ex, result);
			}
		}
		return form(model, this.estate.community(view.communityId()), view);
	}

	private String form(Model model, CommunityView community, RoomView editing) {
		model.addAttribute("community", community);
		model.addAttribute("buildings", this.estate.buildings(community.id()));
		model.addAttribute("room", editing);
		return "estate/room-form";
	}

	private String msg(String key) {
		return this.messages.get(key);
	}

}
