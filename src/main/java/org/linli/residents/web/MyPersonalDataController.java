package org.linli.residents.web;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.identity.AuditLog;
import org.linli.identity.ResidentUser;
import org.linli.shared.PersonalDataSection;
import org.linli.shared.Times;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resident's copy of their personal data (PIPL Art. 45): every module's section —
 * profile and stays, bills and payments, repairs, complaints, activities — as one JSON
 * file, their own data only; each download is audited.
 */
@RestController
@Tag(name = "Resident: me")
class MyPersonalDataController {

	private final List<PersonalDataSection> sections;

	private final AuditLog audit;

	private final Clock clock;

	MyPersonalDataController(List<PersonalDataSection> sections, AuditLog audit, Clock clock) {
		// the profile first, then the others by name
		this.sections = sections.stream()
			.sorted(Comparator.comparing((PersonalDataSection s) -> !s.name().equals("profile"))
				.thenComparing(PersonalDataSection::name))
			.toList();
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping({ "/api/v1/me/personal-data", "/portal/personal-data" })
	@Operation(summary = "Downloads everything Linli holds about the resident, as a JSON file")
	ResponseEntity<Map<String, Object>> download(@AuthenticationPrincipal ResidentUser user) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("exportedAt", this.clock.instant());
		for (PersonalDataSection section : this.sections) {
			data.put(section.name(), section.of(user.getResidentId()));
		}
		this.audit.record("PERSONAL_DATA_EXPORTED", "resident", user.getResidentId(), null,
				AuditLog.Changes.of().set("sections", this.sections.stream().map(PersonalDataSection::name).toList()));
		String day = Times.today(this.clock).format(DateTimeFormatter.BASIC_ISO_DATE);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("personal-data-" + day + ".json").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(data);
	}

}
