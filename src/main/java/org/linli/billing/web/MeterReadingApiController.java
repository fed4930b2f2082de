package org.linli.billing.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.YearMonth;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.billing.fees.MeterType;
import org.linli.billing.meters.MeterReadings;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Meter readings through the API: one at a time, or a whole file (.xlsx or .csv) at once.
 */
@RestController
@Tag(name = "Billing: meter readings")
class MeterReadingApiController {

	private final MeterReadings readings;

	MeterReadingApiController(MeterReadings readings) {
		this.readings = readings;
	}

	record CorrectionRequest(java.math.BigDecimal reading, Boolean replacement, java.math.BigDecimal startValue,
			String reason) {
	}

	@org.springframework.web.bind.annotation.PutMapping("/api/v1/meter-readings/{id}")
	@Operation(summary = "Correct a reading entered wrong (the meter's latest, not yet billed): reading, replacement, "
			+ "startValue, reason; usage and flag are worked out again")
	MeterReadings.ReadingView correct(@PathVariable long id, @RequestBody CorrectionRequest request) {
		return this.readings.correct(id, request.reading(), request.replacement(), request.startValue(),
				request.reason());
	}

	@org.springframework.web.bind.annotation.DeleteMapping("/api/v1/meter-readings/{id}")
	@Operation(summary = "Delete a reading entered for the wrong room or meter (the latest, not billed), with a reason")
	ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) String reason) {
		this.readings.delete(id, reason);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/meter-readings/{id}/verification")
	@Operation(summary = "Mark a flagged reading checked and right (核实): billing takes it without asking again")
	MeterReadings.ReadingView verify(@PathVariable long id) {
		return this.readings.verify(id);
	}

	@PostMapping("/api/v1/meter-readings")
	@Operation(
			summary = "Record a reading: roomId, meterType, period, reading; replacement (with startValue) for a new meter; "
					+ "confirmLargeUsage to take a usage above the meter type's usual monthly maximum")
	ResponseEntity<MeterReadings.ReadingView> record(@RequestBody ReadingRequest request) {
		MeterReadings.ReadingView created = this.readings.record(new MeterReadings.ReadingCommand(request.roomId(),
				request.meterType(), request.period(), request.reading(), Boolean.TRUE.equals(request.replacement()),
				request.startValue(), Boolean.TRUE.equals(request.confirmLargeUsage())));
		return ResponseEntity.created(URI.create("/api/v1/rooms/" + created.roomId() + "/meter-readings"))
			.body(created);
	}

	@GetMapping("/api/v1/rooms/{id}/meter-readings")
	List<MeterReadings.ReadingView> ofRoom(@PathVariable long id) {
		return this.readings.ofRoom(id);
	}

	@GetMapping("/api/v1/communities/{id}/meter-readings")
	@Operation(summary = "A community's readings of a period; flagged=true for those to review")
	PageView<MeterReadings.ReadingView> ofCommunity(@PathVariable long id, @RequestParam YearMonth period,
			@RequestParam(required = false) MeterType meterType, @RequestParam(defaultValue = "false") boolean flagged,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
		return this.readings.ofCommunity(id, period, meterType, flagged, new PageQuery(page, size, null, null));
	}

	@PostMapping(path = "/api/v1/communities/{id}/meter-readings/import",
			consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(
			summary = "Import readings (.xlsx or .csv: room, meter, period, reading, replacement, start value); all or nothing")
	ResponseEntity<MeterReadings.ImportReport> importReadings(@PathVariable long id,
			@RequestPart("file") MultipartFile file) throws IOException {
		MeterReadings.ImportReport report = this.readings.importReadings(id, file.getOriginalFilename(),
				file.getInputStream());
		return ResponseEntity.status(report.ok() ? HttpStatus.OK : HttpStatus.BAD_REQUEST).body(report);
	}

	record ReadingRequest(Long roomId, MeterType meterType, YearMonth period, BigDecimal reading, Boolean replacement,
			BigDecimal startValue, Boolean confirmLargeUsage) {
	}

}
