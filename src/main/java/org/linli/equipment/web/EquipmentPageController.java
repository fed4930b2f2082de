package org.linli.equipment.web;

import java.time.Clock;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.linli.equipment.internal.EquipmentService;
import org.linli.equipment.internal.Inspections;
import org.linli.equipment.internal.Maintenance;
import org.linli.equipment.internal.QrCodes;
import org.linli.identity.CommunityDirectory;
import org.linli.identity.CurrentStaff;
import org.linli.identity.StaffDirectory;
import org.linli.shared.InvalidInputException;
import org.linli.shared.excel.ExcelExport;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import static org.linli.shared.web.FormValues.date;
import static org.linli.shared.web.FormValues.decimal;

/**
 * The equipment pages of the staff console: the archive with its filters and export, a
 * device with its plans, QR code and history, the label sheet, maintenance tasks,
 * inspection rounds (on the phone for inspectors) and the compliance view.
 */
@Controller
class EquipmentPageController {

	static final List<String> CATEGORIES = org.linli.equipment.internal.DeviceKinds.CATEGORIES;

	static final List<String> STATUSES = org.linli.equipment.internal.DeviceKinds.STATUSES;

	private final EquipmentService equipment;

	private final Maintenance maintenance;

	private final Inspections inspections;

	private final CurrentStaff current;

	private final CommunityDirectory communities;

	private final StaffDirectory staff;

	private final MessageSource messages;

	private final org.linli.equipment.internal.EquipmentFiles files;

	private final org.linli.equipment.internal.EquipmentImport importer;

	private final Clock clock;

	EquipmentPageController(org.linli.equipment.internal.EquipmentImport importer,
			org.linli.equipment.internal.EquipmentFiles files, EquipmentService equipment, Maintenance maintenance,
			Inspections inspections, CurrentStaff current, CommunityDirectory communities, StaffDirectory staff,
			MessageSource messages, Clock clock) {
		this.clock = clock;
		this.files = files;
		this.importer = importer;
		this.equipment = equipment;
		this.maintenance = maintenance;
		this.inspections = inspections;
		this.current = current;
		this.communities = communities;
		this.staff = staff;
		this.messages = messages;
	}

	/** The equipment menu: the first community in the staff member's scope. */
	@GetMapping("/admin/equipment")
	String start() {
		return this.communities.allCommunities()
			.stream()
			.filter((c) -> this.current.scope().includes(c.id()))
			.findFirst()
			.map((c) -> "redirect:/admin/communities/" + c.id() + "/equipment")
			.orElse("redirect:/admin");
	}

	@GetMapping("/admin/communities/{id}/equipment")
	String list(@PathVariable long id, @RequestParam(required = false) String q,
			@RequestParam(required = false) String category, @RequestParam(required = false) String status,
			@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, Model model) {
		model.addAttribute("page", this.equipment.list(id, q, category, status, page, 20, sort, dir));
		model.addAttribute("communityId", id);
		model.addAttribute("categories", CATEGORIES);
		model.addAttribute("statuses", STATUSES);
		model.addAttribute("communities", mine());
		return "equipment/list";
	}

	@GetMapping("/admin/communities/{id}/equipment/export.xlsx")
	void export(@PathVariable long id, @RequestParam(required = false) String q,
			@RequestParam(required = false) String category, @RequestParam(required = false) String status,
			HttpServletResponse response) throws IOException {
		List<List<?>> rows = new ArrayList<>();
		for (EquipmentService.EquipmentView e : this.equipment.matching(id, q, category, status)) {
			rows.add(Arrays.asList(e.code(), e.name(), msg("equipment.category." + e.category()), e.brand(), e.model(),
					e.serialNumber(), e.location(), e.installDate(), e.warrantyUntil(), e.price(),
					msg("equipment.status." + e.status()), e.responsible(),
					(e.contractor() != null) ? e.contractor().name() : null,
					(e.contractor() != null) ? e.contractor().licenceNumber() : null,
					(e.contractor() != null) ? e.contractor().licenceExpiry() : null));
		}
		ExcelExport.download(response, msg("equipment.title") + ".xlsx", msg("equipment.title"),
				List.of(msg("equipment.code"), msg("equipment.name"), msg("equipment.category"), msg("equipment.brand"),
						msg("equipment.model"), msg("equipment.serialNumber"), msg("equipment.location"),
						msg("equipment.installDate"), msg("equipment.warrantyUntil"), msg("equipment.price"),
						msg("equipment.status"), msg("equipment.responsible"), msg("equipment.contractor"),
						msg("equipment.licenceNumber"), msg("equipment.licenceExpiry")),
				rows);
	}

	/** What was typed into the device form, kept when it is refused. */
	public record DeviceForm(String code, String name, String category, String brand, String model, String serialNumber,
			String location, String purchaseDate, String installDate, String supplier, String warrantyUntil,
			String price, String status, Long responsibleId, String contractorName, String licenceNumber,
			String licenceExpiry) {

		static DeviceForm of(EquipmentService.EquipmentView e) {
			return new DeviceForm(e.code(), e.name(), e.category(), e.brand(), e.model(), e.serialNumber(),
					e.location(), str(e.purchaseDate()), str(e.installDate()), e.supplier(), str(e.warrantyUntil()),
					(e.price() != null) ? e.price().toPlainString() : null, e.status(), e.responsibleId(),
					(e.contractor() != null) ? e.contractor().name() : null,
					(e.contractor() != null) ? e.contractor().licenceNumber() : null,
					(e.contractor() != null) ? str(e.contractor().licenceExpiry()) : null);
		}

		EquipmentService.EquipmentCommand command() {
			return new EquipmentService.EquipmentCommand(this.code, this.name, this.category, this.brand, this.model,
					this.serialNumber, this.location, date("purchaseDate", this.purchaseDate),
					date("installDate", this.installDate), this.supplier, date("warrantyUntil", this.warrantyUntil),
					decimal("price", this.price), this.status, this.responsibleId,
					(blank(this.contractorName) && blank(this.licenceNumber) && blank(this.licenceExpiry)) ? null
							: new EquipmentService.Contractor(this.contractorName, this.licenceNumber,
									date("contractor.licenceExpiry", this.licenceExpiry)));
		}

	}

	@GetMapping("/admin/communities/{id}/equipment/new")
	String newDevice(@PathVariable long id, Model model) {
		this.equipment.list(id, null, null, null, 0, 1);
		return form(model, id, null, new DeviceForm(null, null, "ELEVATOR", null, null, null, null, null, null, null,
				null, null, "IN_USE", null, null, null, null), null);
	}

	@PostMapping("/admin/communities/{id}/equipment")
	String create(@PathVariable long id, DeviceForm form, Model model, RedirectAttributes redirect) {
		try {
			EquipmentService.EquipmentView created = this.equipment.create(id, form.command());
			redirect.addFlashAttribute("success", "common.saved");
			return "redirect:/admin/equipment/" + created.id();
		}
		catch (InvalidInputException ex) {
			return form(model, id, null, form, ex);
		}
	}

	@GetMapping("/admin/equipment/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		EquipmentService.EquipmentView device = this.equipment.get(id);
		return form(model, device.communityId(), id, DeviceForm.of(device), null);
	}

	@PostMapping("/admin/equipment/{id}")
	String update(@PathVariable long id, DeviceForm form, Model model, RedirectAttributes redirect) {
		EquipmentService.EquipmentView device = this.equipment.get(id);
		try {
			this.equipment.update(id, form.command());
			redirect.addFlashAttribute("success", "common.saved");
			return "redirect:/admin/equipment/" + id;
		}
		catch (InvalidInputException ex) {
			return form(model, device.communityId(), id, form, ex);
		}
	}

	private String form(Model model, long communityId, Long id, DeviceForm form, InvalidInputException problems) {
		model.addAttribute("communityId", communityId);
		model.addAttribute("deviceId", id);
		model.addAttribute("form", form);
		model.addAttribute("categories", CATEGORIES);
		model.addAttribute("statuses", STATUSES);
		model.addAttribute("staff", this.staff.inCommunity(communityId));
		model.addAttribute("problems", (problems != null) ? problems.problems() : List.of());
		return "equipment/form";
	}

	@GetMapping("/admin/equipment/{id}")
	String device(@PathVariable long id, Model model) {
		EquipmentService.EquipmentView device = this.equipment.get(id);
		model.addAttribute("device", device);
		model.addAttribute("plans", this.maintenance.plansOf(id));
		model.addAttribute("history", this.equipment.history(id));
		model.addAttribute("files", this.files.of(id));
		model.addAttribute("staff", this.staff.inCommunity(device.communityId()));
		model.addAttribute("today", LocalDate.now(this.clock));
		return "equipment/device";
	}

	@GetMapping(path = "/admin/equipment/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
	ResponseEntity<byte[]> qr(@PathVariable long id) {
		EquipmentService.EquipmentView device = this.equipment.get(id);
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.body(QrCodes.png(publicUrl(device.publicToken()), 300));
	}

	@GetMapping("/admin/communities/{id}/equipment/labels")
	String labels(@PathVariable long id, @RequestParam(required = false) String location, Model model) {
		model.addAttribute("devices",
				this.equipment.all(id)
					.stream()
					.filter((e) -> location == null || location.isBlank()
							|| (e.location() != null && e.location().contains(location.trim())))
					.filter((e) -> !"SCRAPPED".equals(e.status()))
					.toList());
		model.addAttribute("communityId", id);
		model.addAttribute("location", location);
		return "equipment/labels";
	}

	@PostMapping("/admin/equipment/{id}/maintenance-plans")
	String createPlan(@PathVariable long id, @RequestParam(required = false) String name,
			@RequestParam(required = false) Integer interval, @RequestParam(defaultValue = "DAYS") String unit,
			@RequestParam(required = false) String checklist, @RequestParam(required = false) Long assigneeId,
			@RequestParam(required = false) String contractor,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startDate,
			RedirectAttributes redirect) {
		List<String> items = (checklist != null)
				? Arrays.stream(checklist.split("[\\n,，、]")).map(String::trim).filter((s) -> !s.isEmpty()).toList()
				: List.of();
		try {
			this.maintenance.create(id,
					new Maintenance.PlanCommand(name, "DAYS".equals(unit) ? interval : null,
							"WEEKS".equals(unit) ? interval : null, "MONTHS".equals(unit) ? interval : null, items,
							assigneeId, contractor, null, startDate));
			redirect.addFlashAttribute("success", "common.saved");
		}
		catch (InvalidInputException ex) {
			flash(redirect, ex);
		}
		return "redirect:/admin/equipment/" + id;
	}

	@GetMapping("/admin/communities/{id}/maintenance-tasks")
	String tasks(@PathVariable long id, @RequestParam(required = false) String status,
			@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("page", this.maintenance.tasks(id, status, page, 50));
		model.addAttribute("communityId", id);
		model.addAttribute("status", status);
		return "equipment/tasks";
	}

	@GetMapping("/admin/maintenance-tasks/{id}")
	String task(@PathVariable long id, Model model) {
		Maintenance.TaskView task = this.maintenance.task(id);
		model.addAttribute("task", task);
		long community = this.equipment.get(task.equipmentId()).communityId();
		model.addAttribute("communityId", community);
		model.addAttribute("staff", this.staff.inCommunity(community));
		return "equipment/task";
	}

	@PostMapping("/admin/maintenance-tasks/{id}/complete")
	String complete(@PathVariable long id, @RequestParam(name = "ok", required = false) List<String> ok,
			@RequestParam(required = false) String notes, @RequestParam(required = false) String cost,
			@RequestParam(name = "photo", required = false) org.springframework.web.multipart.MultipartFile photo,
			RedirectAttributes redirect) throws IOException {
		Maintenance.TaskView task = this.maintenance.task(id);
		List<String> passed = (ok != null) ? ok : List.of();
		List<Maintenance.Result> results = task.checklist()
			.stream()
			.map((item) -> new Maintenance.Result(item, passed.contains(item), null))
			.toList();
		try {
			this.maintenance.complete(id, new Maintenance.Completion(results, notes, decimal("cost", cost)));
			if (photo != null && !photo.isEmpty()) {
				this.maintenance.addPhoto(id, photo.getBytes());
			}
			redirect.addFlashAttribute("success", "equipment.task.completed");
		}
		catch (InvalidInputException ex) {
			flash(redirect, ex);
		}
		return "redirect:/admin/maintenance-tasks/" + id;
	}

	@PostMapping("/admin/maintenance-tasks/{id}/assignee")
	String reassign(@PathVariable long id, @RequestParam(required = false) Long assigneeId,
			RedirectAttributes redirect) {
		try {
			this.maintenance.reassign(id, assigneeId);
			redirect.addFlashAttribute("success", "common.saved");
		}
		catch (InvalidInputException ex) {
			flash(redirect, ex);
		}
		return "redirect:/admin/maintenance-tasks/" + id;
	}

	@GetMapping("/admin/communities/{id}/inspection-rounds")
	String rounds(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
		LocalDate today = LocalDate.now(this.clock);
		LocalDate start = (from != null) ? from : today.minusDays(7);
		LocalDate end = (to != null) ? to : today;
		try {
			model.addAttribute("rounds", this.inspections.ofCommunity(id, start, end));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex.problems().get(0).messageKey());
			model.addAttribute("errorArgs", ex.problems().get(0).args());
			start = today.minusDays(7);
			end = today;
			model.addAttribute("rounds", this.inspections.ofCommunity(id, start, end));
		}
		model.addAttribute("plans", this.inspections.plans(id));
		model.addAttribute("staff", this.staff.inCommunity(id));
		model.addAttribute("communityId", id);
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		return "equipment/rounds";
	}

	/**
	 * A new inspection route from the page: one checkpoint per line, "place or device
	 * code | item, item".
	 */
	@PostMapping("/admin/communities/{id}/inspection-plans")
	String createRoute(@PathVariable long id, @RequestParam(required = false) String name,
			@RequestParam(required = false) String frequency,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.TIME) java.time.LocalTime windowStart,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.TIME) java.time.LocalTime windowEnd,
			@RequestParam(required = false) Long assigneeId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startDate,
			@RequestParam(required = false) String checkpoints, RedirectAttributes redirect) {
		List<EquipmentService.EquipmentView> devices = this.equipment.all(id);
		List<Inspections.CheckpointCommand> points = new ArrayList<>();
		for (String line : (checkpoints != null) ? checkpoints.split("\\R") : new String[0]) {
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.split("[|｜]", 2);
			String place = parts[0].trim();
			List<String> items = (parts.length > 1)
					? Arrays.stream(parts[1].split("[,，、]")).map(String::trim).filter((s) -> !s.isEmpty()).toList()
					: List.of();
			Long device = devices.stream()
				.filter((d) -> d.code().equalsIgnoreCase(place))
				.map(EquipmentService.EquipmentView::id)
				.findFirst()
				.orElse(null);
			points.add(new Inspections.CheckpointCommand((device != null) ? null : place, device, items));
		}
		try {
			this.inspections.create(id, new Inspections.PlanCommand(name, frequency, windowStart, windowEnd, assigneeId,
					startDate, points));
			redirect.addFlashAttribute("success", "common.saved");
		}
		catch (InvalidInputException ex) {
			flash(redirect, ex);
		}
		return "redirect:/admin/communities/" + id + "/inspection-rounds";
	}

	/** An inspector's rounds, on the phone. */
	@GetMapping("/admin/rounds")
	String myRounds(Model model) {
		model.addAttribute("rounds", this.inspections.mine());
		return "equipment/my-rounds";
	}

	@GetMapping("/admin/rounds/{id}")
	String round(@PathVariable long id, Model model) {
		model.addAttribute("round", this.inspections.get(id));
		return "equipment/round";
	}

	@PostMapping("/admin/rounds/{id}/checkpoints/{cid}")
	String record(@PathVariable long id, @PathVariable long cid, @RequestParam(required = false) Boolean normal,
			@RequestParam(required = false) String note,
			@RequestParam(name = "photo", required = false) org.springframework.web.multipart.MultipartFile photo,
			RedirectAttributes redirect) throws IOException {
		try {
			this.inspections.record(id, cid, normal, note);
			if (photo != null && !photo.isEmpty()) {
				this.inspections.addPhoto(id, cid, photo.getBytes());
			}
		}
		catch (InvalidInputException ex) {
			flash(redirect, ex);
		}
		return "redirect:/admin/rounds/" + id;
	}

	@GetMapping("/admin/communities/{id}/equipment-compliance")
	String compliance(@PathVariable long id, Model model) {
		model.addAttribute("compliance", this.equipment.compliance(id));
		model.addAttribute("communityId", id);
		return "equipment/compliance";
	}

	@PostMapping("/admin/equipment/{id}/files")
	String upload(@PathVariable long id,
			@RequestParam(name = "file", required = false) org.springframework.web.multipart.MultipartFile file,
			RedirectAttributes redirect) throws IOException {
		try {
			this.files.upload(id, (file != null) ? file.getOriginalFilename() : null,
					(file != null) ? file.getBytes() : null);
			redirect.addFlashAttribute("success", "common.saved");
		}
		catch (InvalidInputException ex) {
			flash(redirect, ex);
		}
		return "redirect:/admin/equipment/" + id;
	}

	@GetMapping("/admin/equipment-photos/{id}")
	ResponseEntity<byte[]> photo(@PathVariable long id) {
		return download(this.files.photo(id));
	}

	@GetMapping("/admin/equipment/{id}/files/{fileId}")
	ResponseEntity<byte[]> file(@PathVariable long id, @PathVariable long fileId) {
		return download(this.files.download(id, fileId));
	}

	/**
	 * A stored file as a download: its real type, its cleaned name, never sniffed or run
	 * by the browser.
	 */
	static ResponseEntity<byte[]> download(org.linli.equipment.internal.EquipmentFiles.Download download) {
		var file = download.file();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.contentType()))
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
					org.springframework.http.ContentDisposition.attachment()
						.filename(file.name(), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.body(download.content());
	}

	@GetMapping("/admin/communities/{id}/equipment/import")
	String importForm(@PathVariable long id, Model model) {
		this.equipment.list(id, null, null, null, 0, 1);
		model.addAttribute("communityId", id);
		return "equipment/import";
	}

	@GetMapping("/admin/communities/{id}/equipment/template.xlsx")
	ResponseEntity<byte[]> template(@PathVariable long id) throws IOException {
		this.equipment.list(id, null, null, null, 0, 1);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(ExcelExport.XLSX))
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
					org.springframework.http.ContentDisposition.attachment()
						.filename(msg("equipment.import.title") + ".xlsx", java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.body(this.importer.template());
	}

	@PostMapping("/admin/communities/{id}/equipment/import")
	String importDevices(@PathVariable long id,
			@RequestParam(name = "file", required = false) org.springframework.web.multipart.MultipartFile file,
			Model model, RedirectAttributes redirect) throws IOException {
		model.addAttribute("communityId", id);
		if (file == null || file.isEmpty()) {
			model.addAttribute("fileError", "validation.required");
			return "equipment/import";
		}
		try {
			var report = this.importer.importDevices(id, file.getInputStream());
			if (report.ok()) {
				redirect.addFlashAttribute("success", "equipment.import.done");
				redirect.addFlashAttribute("successArgs", new Object[] { report.imported() });
				return "redirect:/admin/communities/" + id + "/equipment";
			}
			model.addAttribute("report", report);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("fileError", ex.problems().get(0).messageKey());
			model.addAttribute("fileErrorArgs", ex.problems().get(0).args());
		}
		return "equipment/import";
	}

	private static void flash(RedirectAttributes redirect, InvalidInputException ex) {
		redirect.addFlashAttribute("error", ex.problems().get(0).messageKey());
		redirect.addFlashAttribute("errorArgs", ex.problems().get(0).args());
	}

	private List<CommunityDirectory.CommunityRef> mine() {
		return this.communities.allCommunities().stream().filter((c) -> this.current.scope().includes(c.id())).toList();
	}

	static String publicUrl(String token) {
		return ServletUriComponentsBuilder.fromCurrentContextPath().path("/d/" + token).toUriString();
	}

	private String msg(String key) {
		return this.messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
	}

	private static String str(LocalDate date) {
		return (date != null) ? date.toString() : null;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
