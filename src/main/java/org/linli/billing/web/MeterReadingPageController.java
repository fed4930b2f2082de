package org.linli.billing.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import org.linli.billing.fees.MeterType;
import org.linli.billing.meters.MeterReadings;
import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.identity.Access;
import org.linli.identity.CommunityScope;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Messages;
import org.linli.shared.PageQuery;
import org.linli.shared.excel.ExcelExport;
import org.linli.shared.web.Flash;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Meter readings in the staff console: a period's readings with those to review flagged,
 * the entry form (which shows the previous reading as the room and meter are chosen), and
 * the file import.
 */
@Controller
@PreAuthorize(Access.FINANCE)
class MeterReadingPageController {

	private final MeterReadings readings;

	private final Estate estate;

	private final Messages messages;

	private final Clock clock;

	MeterReadingPageController(MeterReadings readings, Estate estate, Messages messages, Clock clock) {
		this.clock = clock;
		this.readings = readings;
		this.estate = estate;
		this.messages = messages;
	}

	@GetMapping("/admin/communities/{id}/meter-readings")
	String page(@PathVariable long id, @RequestParam(required = false) YearMonth period,
			@RequestParam(required = false) MeterType meterType, @RequestParam(defaultValue = "false") boolean flagged,
			@RequestParam(defaultValue = "0") int page, Model model) {
		YearMonth shown = (period != null) ? period : YearMonth.now(this.clock);
		model.addAttribute("communityId", id);
		model.addAttribute("period", shown);
		model.addAttribute("page",
				this.readings.ofCommunity(id, shown, meterType, flagged, new PageQuery(page, 50, null, null)));
		model.addAttribute("currentUrl",
				"/admin/communities/" + id + "/meter-readings?period=" + shown
						+ ((meterType != null) ? "&meterType=" + meterType : "") + (flagged ? "&flagged=true" : "")
						+ "&page=" + page);
		return "billing/meter-readings";
	}

	/** 核实 / 更正 / 删除 from the readings list, back to the list as it was. */
	@PostMapping("/admin/meter-readings/{id}/{action:verify|correct|delete}")
	String change(@PathVariable long id, @PathVariable String action, @RequestParam(required = false) String reading,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String back,
			org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
		try {
			switch (action) {
				case "verify" -> this.readings.verify(id);
				case "delete" -> this.readings.delete(id, reason);
				default -> {
					org.linli.shared.web.FormValues values = new org.linli.shared.web.FormValues();
					java.math.BigDecimal value = values.decimal("reading", reading);
					values.throwIfAny();
					this.readings.correct(id, value, null, null, reason);
				}
			}
			org.linli.shared.web.Flash.success(redirect, "billing.meter.changed." + action);
		}
		catch (InvalidInputException ex) {
			org.linli.shared.web.Flash.error(redirect, ex);
		}
		return "redirect:" + ((back != null && back.startsWith("/admin/")) ? back : "/admin");
	}

	@GetMapping("/admin/communities/{id}/meter-readings/previous")
	String previous(@PathVariable long id, @RequestParam(required = false) String room,
			@RequestParam(required = false) MeterType meterType, @RequestParam(required = false) YearMonth period,
			Model model) {
		RoomRef found = resolve(id, room);
		if (found != null && meterType != null && period != null) {
			model.addAttribute("previous", this.readings.previous(found.id(), meterType, period).orElse(null));
			model.addAttribute("room", found);
		}
		return "billing/meter-readings :: previous";
	}

	@PostMapping("/admin/communities/{id}/meter-readings")
	String record(@PathVariable long id, @RequestParam(required = false) String room,
			@RequestParam(required = false) MeterType meterType, @RequestParam(required = false) YearMonth period,
			@RequestParam(required = false) BigDecimal reading,
			@RequestParam(defaultValue = "false") boolean replacement,
			@RequestParam(required = false) BigDecimal startValue,
			@RequestParam(defaultValue = "false") boolean confirmLargeUsage, RedirectAttributes redirect) {
		try {
			RoomRef found = resolve(id, room);
			if (found == null) {
				throw InvalidInputException.field("roomId", "billing.meter.unknownRoom", String.valueOf(room));
			}
			MeterReadings.ReadingView saved = this.readings.record(new MeterReadings.ReadingCommand(found.id(),
					meterType, period, reading, replacement, startValue, confirmLargeUsage));
			redirect.addFlashAttribute("success", saved.flagged() ? "billing.meter.savedFlagged" : "common.saved");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
			redirect.addFlashAttribute("typedRoom", room);
			redirect.addFlashAttribute("typedReading", (reading != null) ? reading.toPlainString() : null);
		}
		return "redirect:/admin/communities/" + id + "/meter-readings?period=" + ((period != null) ? period : "");
	}

	@PostMapping("/admin/communities/{id}/meter-readings/import")
	String importReadings(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(required = false) YearMonth period, Model model, RedirectAttributes redirect)
			throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw InvalidInputException.field("file", "validation.file.empty");
			}
			MeterReadings.ImportReport report = this.readings.importReadings(id, file.getOriginalFilename(),
					file.getInputStream());
			if (report.ok()) {
				redirect.addFlashAttribute("success", "billing.meter.imported");
				redirect.addFlashAttribute("successArgs", new Object[] { report.imported(), report.flagged() });
				return "redirect:/admin/communities/" + id + "/meter-readings"
						+ ((period != null) ? "?period=" + period : "");
			}
			model.addAttribute("report", report);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("fileError", ex.problems().get(0).messageKey());
			model.addAttribute("fileErrorArgs", ex.problems().get(0).args());
		}
		YearMonth shown = (period != null) ? period : YearMonth.now(this.clock);
		model.addAttribute("communityId", id);
		model.addAttribute("period", shown);
		model.addAttribute("page", this.readings.ofCommunity(id, shown, null, false, new PageQuery(0, 50, null, null)));
		return "billing/meter-readings";
	}

	@GetMapping("/admin/communities/{id}/meter-readings/template.xlsx")
	ResponseEntity<byte[]> template(@PathVariable long id) throws IOException {
		this.readings.ofCommunity(id, YearMonth.now(this.clock), null, true, new PageQuery(0, 1, null, null));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ExcelExport.write(out, msg("billing.meter.title"),
				List.of(msg("billing.meter.column.room"), msg("billing.meter.column.meterType"),
						msg("billing.meter.column.period"), msg("billing.meter.column.reading"),
						msg("billing.meter.column.replacement"), msg("billing.meter.column.startValue")),
				List.of());
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, ExcelExport.XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"meter-readings-template.xlsx\"")
			.body(out.toByteArray());
	}

	private RoomRef resolve(long communityId, String code) {
		if (code == null || code.isBlank()) {
			return null;
		}
		List<RoomRef> found = this.estate.findByCode(new CommunityScope(false, Set.of(communityId)), code);
		return (found.size() == 1) ? found.get(0) : null;
	}

	private String msg(String key) {
		return this.messages.get(key);
	}

}
