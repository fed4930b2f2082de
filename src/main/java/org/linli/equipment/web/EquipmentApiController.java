package org.linli.equipment.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.equipment.DeviceCategory;
import org.linli.equipment.DeviceStatus;
import org.linli.equipment.internal.EquipmentService;
import org.linli.equipment.internal.Inspections;
import org.linli.equipment.internal.Maintenance;
import org.linli.shared.QrCodes;
import org.linli.equipment.internal.TaskStatus;
import org.linli.shared.InvalidInputException;
import org.linli.shared.PageView;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Equipment through the API: the archive, maintenance plans and tasks, inspection plans
 * and rounds, history and compliance.
 */
@RestController
@Tag(name = "Equipment")
class EquipmentApiController {

	private final EquipmentService equipment;

	private final Maintenance maintenance;

	private final Inspections inspections;

	private final org.linli.equipment.internal.EquipmentFiles files;

	private final org.linli.equipment.internal.EquipmentImport importer;

	private final Clock clock;

	EquipmentApiController(EquipmentService equipment, Maintenance maintenance, Inspections inspections,
			org.linli.equipment.internal.EquipmentFiles files, org.linli.equipment.internal.EquipmentImport importer,
			Clock clock) {
		this.clock = clock;
		this.importer = importer;
		this.files = files;
		this.equipment = equipment;
		this.maintenance = maintenance;
		this.inspections = inspections;
	}

	@GetMapping("/api/v1/communities/{id}/equipment")
	@Operation(summary = "A community's devices, filtered by q (code, name, location, serial), category and status")
	PageView<EquipmentService.EquipmentView> list(@PathVariable long id, @RequestParam(required = false) String q,
			@RequestParam(required = false) DeviceCategory category,
			@RequestParam(required = false) DeviceStatus status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		return this.equipment.list(id, q, category, status, page, size);
	}

	@PostMapping("/api/v1/communities/{id}/equipment")
	@Operation(
			summary = "Register a device; the code is unique in the community; an elevator's contractor needs a licence")
	ResponseEntity<EquipmentService.EquipmentView> create(@PathVariable long id,
			@RequestBody EquipmentService.EquipmentCommand command) {
		EquipmentService.EquipmentView created = this.equipment.create(id, command);
		return ResponseEntity.created(URI.create("/api/v1/equipment/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/equipment/{id}")
	EquipmentService.EquipmentView get(@PathVariable long id) {
		return this.equipment.get(id);
	}

	@PutMapping("/api/v1/equipment/{id}")
	EquipmentService.EquipmentView update(@PathVariable long id,
			@RequestBody EquipmentService.EquipmentCommand command) {
		return this.equipment.update(id, command);
	}

	@GetMapping("/api/v1/equipment/{id}/history")
	@Operation(summary = "The device's history, newest first: maintenance done (with cost), inspections, faults")
	List<EquipmentService.HistoryEntry> history(@PathVariable long id) {
		return this.equipment.history(id);
	}

	@GetMapping(path = "/api/v1/equipment/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
	@Operation(summary = "The QR code of the device's public page (fault reports without signing in)")
	byte[] qr(@PathVariable long id) {
		EquipmentService.EquipmentView device = this.equipment.get(id);
		return QrCodes.png(
				ServletUriComponentsBuilder.fromCurrentContextPath().path("/d/" + device.publicToken()).toUriString(),
				300);
	}

	@GetMapping("/api/v1/equipment/{id}/maintenance-plans")
	List<Maintenance.PlanView> plans(@PathVariable long id) {
		return this.maintenance.plansOf(id);
	}

	@PostMapping("/api/v1/equipment/{id}/maintenance-plans")
	@Operation(
			summary = "A maintenance plan (intervalDays, intervalWeeks or intervalMonths; elevators at most 15 days); "
					+ "its tasks for the next 60 days exist when it answers")
	ResponseEntity<Maintenance.PlanView> createPlan(@PathVariable long id,
			@RequestBody Maintenance.PlanCommand command) {
		Maintenance.PlanView plan = this.maintenance.create(id, command);
		return ResponseEntity.created(URI.create("/api/v1/equipment/" + id + "/maintenance-plans")).body(plan);
	}

	@GetMapping("/api/v1/communities/{id}/maintenance-plans")
	@Operation(summary = "Every maintenance plan of a community, of a device or of a category")
	List<Maintenance.PlanView> communityPlans(@PathVariable long id) {
		return this.maintenance.plansOfCommunity(id);
	}

	@PostMapping("/api/v1/communities/{id}/maintenance-plans")
	@Operation(
			summary = "A maintenance plan for every device of a category (\"category\": \"FIRE\"), present and future")
	ResponseEntity<Maintenance.PlanView> createCategoryPlan(@PathVariable long id, @RequestBody CategoryPlan request) {
		Maintenance.PlanView plan = this.maintenance.createForCategory(id, request.category(), request.command());
		return ResponseEntity.created(URI.create("/api/v1/communities/" + id + "/maintenance-plans")).body(plan);
	}

	record CategoryPlan(DeviceCategory category, String name, Integer intervalDays, Integer intervalWeeks,
			Integer intervalMonths, List<String> checklist, Long assigneeId, String contractor, Integer leadDays,
			LocalDate startDate) {

		Maintenance.PlanCommand command() {
			return new Maintenance.PlanCommand(this.name, this.intervalDays, this.intervalWeeks, this.intervalMonths,
					this.checklist, this.assigneeId, this.contractor, this.leadDays, this.startDate);
		}

	}

	@GetMapping("/api/v1/communities/{id}/maintenance-tasks")
	@Operation(
			summary = "Maintenance tasks by status (OPEN, OVERDUE, DONE), by due date, a page at a time; technicians see their own")
	PageView<Maintenance.TaskView> tasks(@PathVariable long id, @RequestParam(required = false) TaskStatus status,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.maintenance.tasks(id, status, page, size);
	}

	@GetMapping("/api/v1/maintenance-tasks/{id}")
	Maintenance.TaskView task(@PathVariable long id) {
		return this.maintenance.task(id);
	}

	@PostMapping("/api/v1/maintenance-tasks/{id}/complete")
	@Operation(summary = "Complete a task: a result for every checklist item, notes, cost")
	Maintenance.TaskView complete(@PathVariable long id, @RequestBody Maintenance.Completion completion) {
		return this.maintenance.complete(id, completion);
	}

	@PutMapping("/api/v1/maintenance-tasks/{id}/assignee")
	Maintenance.TaskView reassign(@PathVariable long id, @RequestBody Assignee assignee) {
		return this.maintenance.reassign(id, assignee.assigneeId());
	}

	@GetMapping("/api/v1/communities/{id}/inspection-plans")
	List<Inspections.PlanView> inspectionPlans(@PathVariable long id) {
		return this.inspections.plans(id);
	}

	@PostMapping("/api/v1/communities/{id}/inspection-plans")
	@Operation(summary = "An inspection route: ordered checkpoints (a device or a place) with check items, a frequency "
			+ "(DAILY, WEEKLY, MONTHLY), a time window and an inspector; rounds for the coming week exist when it answers")
	ResponseEntity<Inspections.PlanView> createInspectionPlan(@PathVariable long id,
			@RequestBody Inspections.PlanCommand command) {
		Inspections.PlanView plan = this.inspections.create(id, command);
		return ResponseEntity.created(URI.create("/api/v1/communities/" + id + "/inspection-plans")).body(plan);
	}

	@GetMapping("/api/v1/inspection-rounds")
	@Operation(summary = "Rounds: assignee=me for one's own (from yesterday on); or communityId with from/to for the "
			+ "manager's view, missed ones included")
	List<Inspections.RoundView> rounds(@RequestParam(required = false) String assignee,
			@RequestParam(required = false) Long communityId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		if (communityId != null) {
			LocalDate today = LocalDate.now(this.clock);
			return this.inspections.ofCommunity(communityId, (from != null) ? from : today.minusDays(7),
					(to != null) ? to : today);
		}
		if (assignee == null || "me".equals(assignee)) {
			return this.inspections.mine();
		}
		throw InvalidInputException.field("assignee", "validation.invalidValue");
	}

	@GetMapping("/api/v1/inspection-rounds/{id}")
	Inspections.RoundView round(@PathVariable long id) {
		return this.inspections.get(id);
	}

	@PostMapping("/api/v1/inspection-rounds/{id}/checkpoints/{cid}/result")
	@Operation(summary = "Record a checkpoint: {\"normal\": true} or {\"normal\": false, \"note\": \"...\"} "
			+ "(also \"result\": \"NORMAL\"/\"ABNORMAL\"); an abnormal one publishes an event for a repair order")
	Inspections.RoundView record(@PathVariable long id, @PathVariable long cid, @RequestBody CheckpointResult result) {
		return this.inspections.record(id, cid, result.isNormal(), result.note());
	}

	@GetMapping("/api/v1/communities/{id}/equipment-compliance")
	@Operation(
			summary = "Elevators' last maintenance (overdue after 15 days), fire equipment not inspected this month, "
					+ "contractor licences expiring within 30 days")
	EquipmentService.Compliance compliance(@PathVariable long id) {
		return this.equipment.compliance(id);
	}

	@PostMapping(path = "/api/v1/equipment/{id}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Add a photo or document (multipart file: PNG, JPEG, WebP or PDF, at most 10 MB)")
	ResponseEntity<org.linli.equipment.internal.EquipmentFiles.FileView> upload(@PathVariable long id,
			@RequestParam("file") org.springframework.web.multipart.MultipartFile file) throws java.io.IOException {
		var added = this.files.upload(id, file.getOriginalFilename(), file.getBytes());
		return ResponseEntity.created(URI.create("/api/v1/equipment/" + id + "/files/" + added.id())).body(added);
	}

	@GetMapping("/api/v1/equipment/{id}/files")
	List<org.linli.equipment.internal.EquipmentFiles.FileView> files(@PathVariable long id) {
		return this.files.of(id);
	}

	@GetMapping("/api/v1/equipment/{id}/files/{fileId}")
	ResponseEntity<StreamingResponseBody> file(@PathVariable long id, @PathVariable long fileId) {
		return DeviceFilesPageController.download(this.files.download(id, fileId));
	}

	@GetMapping("/api/v1/communities/{id}/equipment/template.xlsx")
	ResponseEntity<byte[]> template(@PathVariable long id) throws java.io.IOException {
		this.equipment.list(id, null, null, null, 0, 1);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(org.linli.shared.excel.ExcelExport.XLSX))
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=equipment-template.xlsx")
			.body(this.importer.template());
	}

	@PostMapping(path = "/api/v1/communities/{id}/equipment/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Import devices from the .xlsx template: all rows or none; 400 lists each row's problems")
	ResponseEntity<org.linli.equipment.internal.EquipmentImport.ImportReport> importDevices(@PathVariable long id,
			@RequestParam("file") org.springframework.web.multipart.MultipartFile file) throws java.io.IOException {
		var report = this.importer.importDevices(id, file.getInputStream());
		return ResponseEntity.status(report.ok() ? 200 : 400).body(report);
	}

	@PostMapping(path = "/api/v1/maintenance-tasks/{id}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Add a photo of the job to a task (multipart photo: PNG, JPEG or WebP)")
	Maintenance.TaskView taskPhoto(@PathVariable long id,
			@RequestParam("photo") org.springframework.web.multipart.MultipartFile photo) throws java.io.IOException {
		return this.maintenance.addPhoto(id, photo.getBytes());
	}

	@PostMapping(path = "/api/v1/inspection-rounds/{id}/checkpoints/{cid}/photos",
			consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Add a photo to a recorded checkpoint (multipart photo: PNG, JPEG or WebP)")
	Inspections.RoundView checkpointPhoto(@PathVariable long id, @PathVariable long cid,
			@RequestParam("photo") org.springframework.web.multipart.MultipartFile photo) throws java.io.IOException {
		return this.inspections.addPhoto(id, cid, photo.getBytes());
	}

	@GetMapping("/api/v1/equipment-photos/{id}")
	ResponseEntity<StreamingResponseBody> photo(@PathVariable long id) {
		return DeviceFilesPageController.download(this.files.photo(id));
	}

	record Assignee(Long assigneeId) {
	}

	record CheckpointResult(Boolean normal, String result, String status, String note) {

		Boolean isNormal() {
			if (this.normal != null) {
				return this.normal;
			}
			String value = (this.result != null) ? this.result : this.status;
			if (value == null) {
				return null;
			}
			return switch (value.trim().toUpperCase(java.util.Locale.ROOT)) {
				case "NORMAL", "OK" -> Boolean.TRUE;
				case "ABNORMAL", "NOT_OK" -> Boolean.FALSE;
				default -> throw InvalidInputException.field("result", "validation.invalidValue");
			};
		}

	}

}
