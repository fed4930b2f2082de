package org.linli.dunning.web;

import java.net.URI;
import java.util.HashSet;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.dunning.internal.ArrearsList;
import org.linli.dunning.internal.DunningNotes;
import org.linli.dunning.internal.DunningNotices;
import org.linli.dunning.internal.DunningPolicy;
import org.linli.dunning.internal.Policies;
import org.linli.dunning.internal.Reminders;
import org.linli.notifications.Channel;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dunning through the API: the policy, running it now, the arrears list, reminding chosen
 * rooms, their notices as one PDF, and each room's reminders and notes.
 */
@RestController
@Tag(name = "Dunning")
class DunningApiController {

	private final Policies policies;

	private final Reminders reminders;

	private final ArrearsList arrears;

	private final DunningNotices notices;

	private final DunningNotes notes;

	DunningApiController(Policies policies, Reminders reminders, ArrearsList arrears, DunningNotices notices,
			DunningNotes notes) {
		this.policies = policies;
		this.reminders = reminders;
		this.arrears = arrears;
		this.notices = notices;
		this.notes = notes;
	}

	/** A policy as the API gives and takes it. */
	record PolicyBody(Boolean enabled, Integer firstAfterDays, Integer everyDays, Integer maxReminders,
			List<Channel> channels) {

		static PolicyBody of(DunningPolicy policy) {
			return new PolicyBody(policy.enabled(), policy.firstAfterDays(), policy.everyDays(), policy.maxReminders(),
					policy.channels().stream().sorted().toList());
		}

	}

	@GetMapping("/api/v1/communities/{id}/dunning-policy")
	PolicyBody policy(@PathVariable long id) {
		return PolicyBody.of(this.policies.of(id));
	}

	@PutMapping("/api/v1/communities/{id}/dunning-policy")
	@Operation(summary = "First reminder firstAfterDays after the oldest line fell due, then every everyDays, "
			+ "at most maxReminders, through channels (IN_APP, SMS, EMAIL)")
	PolicyBody change(@PathVariable long id, @RequestBody PolicyBody body) {
		return PolicyBody.of(this.policies.change(id,
				new Policies.PolicyCommand(body.enabled(), body.firstAfterDays(), body.everyDays(), body.maxReminders(),
						(body.channels() != null) ? new HashSet<>(body.channels()) : null)));
	}

	@PostMapping("/api/v1/communities/{id}/dunning-runs")
	@Operation(summary = "Runs the policy now; a second run the same day reminds nobody again")
	Reminders.RunResult run(@PathVariable long id) {
		return this.reminders.runNow(id);
	}

	@GetMapping("/api/v1/communities/{id}/arrears")
	@Operation(summary = "Rooms with lines overdue by at least minDays (1 by default), of a building or all; "
			+ "sort by amount (the default, largest first), days, roomCode or remindersSent with dir asc|desc")
	PageView<ArrearsList.Row> arrears(@PathVariable long id, @RequestParam(required = false) Long buildingId,
			@RequestParam(required = false) Integer minDays, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return this.arrears.page(id, new ArrearsList.Filter(buildingId, minDays), new PageQuery(page, size, sort, dir));
	}

	/** The rooms to remind and how. */
	record RemindBody(List<Long> roomIds, List<Channel> channels) {
	}

	@PostMapping("/api/v1/communities/{id}/reminders")
	@Operation(summary = "Reminds the chosen rooms now (each at most once a day by staff); answers 202 with "
			+ "the rooms whose messages were queued")
	ResponseEntity<Reminders.Queued> remind(@PathVariable long id, @RequestBody RemindBody body) {
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(this.reminders.remindNow(id, body.roomIds(),
					(body.channels() != null) ? new HashSet<>(body.channels()) : null));
	}

	/** The rooms whose notices to print. */
	record NoticesBody(List<Long> roomIds) {
	}

	@PostMapping("/api/v1/communities/{id}/dunning-notices")
	@Operation(summary = "The dunning notices (催缴通知单) of the chosen rooms as one PDF, one page per room")
	ResponseEntity<byte[]> notices(@PathVariable long id, @RequestBody NoticesBody body) {
		return pdf(this.notices.print(id, body.roomIds()));
	}

	static ResponseEntity<byte[]> pdf(byte[] pdf) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename("dunning-notices.pdf").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(pdf);
	}

	@GetMapping("/api/v1/rooms/{id}/reminders")
	@Operation(summary = "A room's reminders, newest first, each with its messages (channel, status, times)")
	List<Reminders.ReminderView> reminders(@PathVariable long id) {
		return this.reminders.history(id);
	}

	@GetMapping("/api/v1/rooms/{id}/dunning-notes")
	List<DunningNotes.NoteView> notes(@PathVariable long id) {
		return this.notes.of(id);
	}

	@PostMapping("/api/v1/rooms/{id}/dunning-notes")
	@Operation(summary = "Notes a visit, a call or other follow-up (催缴登记): kind VISIT|CALL|OTHER, note, "
			+ "promisedOn, promisedAmount")
	ResponseEntity<DunningNotes.NoteView> addNote(@PathVariable long id, @RequestBody DunningNotes.NoteCommand body) {
		DunningNotes.NoteView note = this.notes.add(id, body);
		return ResponseEntity.created(URI.create("/api/v1/rooms/" + id + "/dunning-notes")).body(note);
	}

}
