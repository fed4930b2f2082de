package org.linli.equipment.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.linli.equipment.internal.EquipmentFiles;
import org.linli.equipment.internal.EquipmentImport;
import org.linli.equipment.internal.EquipmentService;
import org.linli.shared.QrCodes;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.excel.ExcelExport;
import org.linli.shared.web.Flash;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A device's files and labels: photos and documents, its QR code and the printable label
 * sheet, and the archive's spreadsheet import.
 */
@Controller
class DeviceFilesPageController {

	private final EquipmentService equipment;

	private final EquipmentFiles files;

	private final EquipmentImport importer;

	private final Messages messages;

	DeviceFilesPageController(EquipmentService equipment, EquipmentFiles files, EquipmentImport importer,
			Messages messages) {
		this.equipment = equipment;
		this.files = files;
		this.importer = importer;
		this.messages = messages;
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
					.filter((e) -> e.status().isOnSite())
					.toList());
		model.addAttribute("communityId", id);
		model.addAttribute("location", location);
		return "equipment/labels";
	}

	@PostMapping("/admin/equipment/{id}/files")
	String upload(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file,
			RedirectAttributes redirect) throws IOException {
		try {
			this.files.upload(id, (file != null) ? file.getOriginalFilename() : null,
					(file != null) ? file.getBytes() : null);
			Flash.success(redirect, "common.saved");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/equipment/" + id;
	}

	@GetMapping("/admin/equipment-photos/{id}")
	ResponseEntity<StreamingResponseBody> photo(@PathVariable long id) {
		return download(this.files.photo(id));
	}

	@GetMapping("/admin/equipment/{id}/files/{fileId}")
	ResponseEntity<StreamingResponseBody> file(@PathVariable long id, @PathVariable long fileId) {
		return download(this.files.download(id, fileId));
	}

	/**
	 * A stored file as a download: its real type, its cleaned name, never sniffed or run
	 * by the browser.
	 */
	static ResponseEntity<StreamingResponseBody> download(EquipmentFiles.Download download) {
		var file = download.file();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.contentType()))
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.name(), StandardCharsets.UTF_8).build().toString())
			.contentLength(file.size())
			.body((out) -> download.content().writeTo(out));
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
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(this.messages.get("equipment.import.title") + ".xlsx", StandardCharsets.UTF_8)
						.build()
						.toString())
			.body(this.importer.template());
	}

	@PostMapping("/admin/communities/{id}/equipment/import")
	String importDevices(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file,
			Model model, RedirectAttributes redirect) throws IOException {
		model.addAttribute("communityId", id);
		if (file == null || file.isEmpty()) {
			model.addAttribute("fileError", "validation.required");
			return "equipment/import";
		}
		try {
			var report = this.importer.importDevices(id, file.getInputStream());
			if (report.ok()) {
				Flash.success(redirect, "equipment.import.done", report.imported());
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

	static String publicUrl(String token) {
		return ServletUriComponentsBuilder.fromCurrentContextPath().path("/d/" + token).toUriString();
	}

}
