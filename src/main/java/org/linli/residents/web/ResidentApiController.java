package org.linli.residents.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.identity.PortalAccounts;
import org.linli.residents.Gender;
import org.linli.residents.IdType;
import org.linli.residents.OccupancyRole;
import org.linli.residents.internal.Anonymization;
import org.linli.residents.internal.Occupancies;
import org.linli.residents.internal.OccupancyView;
import org.linli.residents.internal.ResidentCommand;
import org.linli.residents.internal.ResidentFilter;
import org.linli.residents.internal.ResidentService;
import org.linli.residents.internal.ResidentView;
import org.linli.shared.InvalidInputException;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Residents and their occupancies through the API, for staff. Phone, ID number and
 * emergency contact are masked unless the account holds PERSONAL_DATA_VIEW (and then each
 * read is audited).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Residents and occupancies")
class ResidentApiController {

	private final ResidentService residents;

	private final Occupancies occupancies;

	private final Anonymization anonymization;

	ResidentApiController(ResidentService residents, Occupancies occupancies, Anonymization anonymization) {
		this.residents = residents;
		this.occupancies = occupancies;
		this.anonymization = anonymization;
	}

	@GetMapping("/residents/anonymization-due")
	@Operation(summary = "Former residents whose retention period has passed, in the caller's communities")
	List<Anonymization.Due> anonymizationDue() {
		return this.anonymization.due();
	}

	record Anonymized(long residentId, String pseudonym) {
	}

	@PostMapping("/residents/{id}/anonymization")
	@Operation(summary = "Anonymize a former resident after the retention period (PERSONAL_DATA_VIEW)")
	Anonymized anonymize(@PathVariable long id) {
		return new Anonymized(id, this.anonymization.anonymize(id));
	}

	@GetMapping("/residents")
	@Operation(
			summary = "Search residents: q (name, or exact phone / ID number), room (\"1-2-1201\"), role, state (current|former), communityId")
	PageView<ResidentView> list(@RequestParam(required = false) String q, @RequestParam(required = false) String room,
			@RequestParam(required = false) OccupancyRole role, @RequestParam(required = false) String state,
			@RequestParam(required = false) Long communityId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir) {
		return this.residents.page(new ResidentFilter(q, room, role, state, communityId),
				new PageQuery(page, size, sort, dir));
	}

	@PostMapping("/residents")
	@Operation(summary = "Register a resident; with roomId (or roomCode), role and since, also move them in")
	ResponseEntity<ResidentView> create(@RequestBody ResidentRequest request) {
		ResidentView created = this.residents.register(request.command());
		return ResponseEntity.created(URI.create("/api/v1/residents/" + created.id())).body(created);
	}

	@GetMapping("/residents/{id}")
	ResidentView get(@PathVariable long id) {
		return this.residents.get(id);
	}

	@PutMapping("/residents/{id}")
	ResidentView update(@PathVariable long id, @RequestBody ResidentRequest request) {
		return this.residents.update(id, request.command());
	}

	@GetMapping("/residents/{id}/occupancies")
	@Operation(summary = "Every room the resident has lived in")
	List<OccupancyView> history(@PathVariable long id) {
		return this.occupancies.ofResident(id);
	}

	@PostMapping("/residents/{id}/room-change")
	@Operation(summary = "End the stay in fromRoomId and start one in toRoomId on the same date, same role")
	Map<String, OccupancyView> roomChange(@PathVariable long id, @RequestBody RoomChangeRequest request) {
		List<OccupancyView> changed = this.occupancies.changeRoom(id, request.fromRoomId(), request.toRoomId(),
				request.date());
		return Map.of("ended", changed.get(0), "started", changed.get(1));
	}

	@PostMapping("/residents/{id}/portal-invitations")
	@Operation(summary = "Sends the resident, by text message to their own phone, a one-time code to activate "
			+ "their portal account (or reset its password); answers where it went (masked) and until when")
	ResponseEntity<ResidentService.InvitationSent> invite(@PathVariable long id) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.residents.invite(id));
	}

	@PostMapping("/residents/{id}/portal-account/disable")
	@Operation(summary = "Disable the resident's portal account: its sessions and tokens end at once")
	Map<String, PortalAccounts.AccountState> disablePortal(@PathVariable long id) {
		return Map.of("state", this.residents.setPortalEnabled(id, false));
	}

	@PostMapping("/residents/{id}/portal-account/enable")
	Map<String, PortalAccounts.AccountState> enablePortal(@PathVariable long id) {
		return Map.of("state", this.residents.setPortalEnabled(id, true));
	}

	@PostMapping("/rooms/{id}/occupancies")
	@Operation(summary = "Move a resident into a room as OWNER, FAMILY or TENANT from a date")
	ResponseEntity<OccupancyView> moveIn(@PathVariable long id, @RequestBody MoveInRequest request) {
		if (request.residentId() == null) {
			throw InvalidInputException.field("residentId", "validation.required");
		}
		OccupancyView created = this.occupancies.moveIn(id, request.residentId(), request.role(), request.since());
		return ResponseEntity.created(URI.create("/api/v1/occupancies/" + created.id())).body(created);
	}

	@GetMapping("/rooms/{id}/occupancies")
	@Operation(summary = "Who lives in the room; include=history adds everyone who ever did")
	List<OccupancyView> ofRoom(@PathVariable long id, @RequestParam(required = false) String include) {
		return this.occupancies.ofRoom(id, "history".equals(include));
	}

	@PostMapping("/occupancies/{id}/end")
	@Operation(summary = "Move out: end the stay on a date with a reason")
	OccupancyView end(@PathVariable long id, @RequestBody EndRequest request) {
		return this.occupancies.end(id, request.until(), request.reason());
	}

	record ResidentRequest(Long communityId, String name, String phone, IdType idType, String idNumber, Gender gender,
			String emergencyContact, String note, Boolean confirmDuplicate, Long roomId, String roomCode,
			OccupancyRole role, LocalDate since) {

		ResidentCommand command() {
			return new ResidentCommand(this.communityId, this.name, this.phone, this.idType, this.idNumber, this.gender,
					this.emergencyContact, this.note, Boolean.TRUE.equals(this.confirmDuplicate), this.roomId,
					this.roomCode, this.role, this.since);
		}

	}

	record MoveInRequest(Long residentId, OccupancyRole role, LocalDate since) {
	}

	record EndRequest(LocalDate until, String reason) {
	}

	record RoomChangeRequest(Long fromRoomId, Long toRoomId, LocalDate date) {
	}

}
