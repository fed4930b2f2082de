package org.linli.community.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.community.internal.Activities;
import org.linli.community.internal.ActivityView;
import org.linli.community.internal.RegistrationView;
import org.linli.identity.ResidentUser;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Activities through the API: staff plan, change, call off and check in; residents
 * register their household and cancel (the registration endpoints take both).
 */
@RestController
@Tag(name = "Community")
class ActivityApiController {

	private final Activities activities;

	ActivityApiController(Activities activities) {
		this.activities = activities;
	}

	@PostMapping("/api/v1/communities/{id}/activities")
	@Operation(summary = "Publishes an activity: title, description, place, startsAt, endsAt, registrationDeadline, "
			+ "capacity, perHousehold, buildingIds (none: the whole community), fee (per person; none: free)")
	ResponseEntity<ActivityView> create(@PathVariable long id, @RequestBody Activities.Plan body) {
		ActivityView created = this.activities.create(id, body);
		return ResponseEntity.created(URI.create("/api/v1/activities/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/communities/{id}/activities")
	@Operation(summary = "A community's activities; when = UPCOMING (soonest first), PAST (latest first) or ALL")
	PageView<ActivityView> list(@PathVariable long id, @RequestParam(required = false) Activities.When when,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.activities.list(id, when, new PageQuery(page, size, null, null));
	}

	@GetMapping("/api/v1/activities/{id}")
	ActivityView get(@PathVariable long id) {
		return this.activities.find(id);
	}

	@PutMapping("/api/v1/activities/{id}")
	@Operation(
			summary = "Changes an activity still to come (the whole plan); more places promote from the waiting list")
	ActivityView update(@PathVariable long id, @RequestBody Activities.Plan body) {
		return this.activities.update(id, body);
	}

	record Cancellation(String reason) {
	}

	@PostMapping("/api/v1/activities/{id}/cancel")
	@Operation(summary = "Calls an activity off: every registration and its fee cancelled, the households told")
	ActivityView cancel(@PathVariable long id, @RequestBody Cancellation body) {
		return this.activities.cancel(id, body.reason());
	}

	@GetMapping("/api/v1/activities/{id}/registrations")
	@Operation(summary = "An activity's registrations in the order they came (staff); q finds a name or room")
	List<RegistrationView> registrations(@PathVariable long id, @RequestParam(required = false) String q) {
		return this.activities.registrations(id, q);
	}

	@PostMapping("/api/v1/activities/{id}/registrations")
	@Operation(summary = "A resident registers their household: roomId (one of their homes the activity is for), "
			+ "people; answers REGISTERED, or WAITLISTED with its position")
	ResponseEntity<RegistrationView> register(Authentication authentication, @PathVariable long id,
			@RequestBody Activities.Signup body) {
		ResidentUser user = (ResidentUser) authentication.getPrincipal();
		RegistrationView registration = this.activities.register(user.getResidentId(), id, body);
		return ResponseEntity.created(URI.create("/api/v1/me/registrations/" + registration.id())).body(registration);
	}

	@DeleteMapping("/api/v1/registrations/{id}")
	@Operation(summary = "Cancels a registration: its household before the deadline, staff until the activity starts; "
			+ "the places go to the waiting list")
	RegistrationView cancelRegistration(Authentication authentication, @PathVariable long id) {
		if (authentication.getPrincipal() instanceof ResidentUser user) {
			return this.activities.cancelByResident(user.getResidentId(), id);
		}
		return this.activities.cancelByStaff(id);
	}

	record CheckIn(Integer people) {
	}

	@PostMapping("/api/v1/registrations/{id}/check-in")
	@Operation(summary = "Checks a household in on the day, with how many came (all when not said)")
	RegistrationView checkIn(@PathVariable long id, @RequestBody(required = false) CheckIn body) {
		return this.activities.checkIn(id, (body != null) ? body.people() : null);
	}

	record Code(String code, Integer people) {
	}

	@PostMapping("/api/v1/check-ins")
	@Operation(summary = "Checks in the household whose QR code was read: code, people")
	RegistrationView checkInByCode(@RequestBody Code body) {
		RegistrationView registration = this.activities.byCode(body.code());
		return this.activities.checkIn(registration.id(), body.people());
	}

}
