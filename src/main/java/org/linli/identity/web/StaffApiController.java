package org.linli.identity.web;

import java.net.URI;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.linli.identity.Access;
import org.linli.identity.Permission;
import org.linli.identity.Role;
import org.linli.identity.internal.AuditEntries;
import org.linli.identity.internal.StaffAccounts;
import org.linli.identity.internal.StaffCommand;
import org.linli.identity.internal.StaffView;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@PreAuthorize(Access.ADMIN)
@Tag(name = "Staff accounts and audit log")
class StaffApiController {

	private final StaffAccounts staff;

	private final AuditEntries audit;

	StaffApiController(StaffAccounts staff, AuditEntries audit) {
		this.staff = staff;
		this.audit = audit;
	}

	@GetMapping("/staff")
	@Operation(summary = "List staff accounts (admin)")
	PageView<StaffView> list(@RequestParam(required = false) String q, @RequestParam(required = false) Role role,
			@RequestParam(required = false) Boolean enabled, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir) {
		return this.staff.page(q, role, enabled, new PageQuery(page, size, sort, dir));
	}

	@GetMapping("/staff/{id}")
	StaffView get(@PathVariable long id) {
		return this.staff.get(id);
	}

	@PostMapping("/staff")
	@Operation(summary = "Create a staff account (admin)")
	ResponseEntity<StaffView> create(@Valid @RequestBody StaffCreateRequest request) {
		StaffView created = this.staff.create(new StaffCommand(request.username(), request.password(), request.name(),
				request.phone(), request.roles(), request.permissions(), request.communityIds()));
		return ResponseEntity.created(URI.create("/api/v1/staff/" + created.id())).body(created);
	}

	@PutMapping("/staff/{id}")
	@Operation(summary = "Change a staff account; \"enabled\": false disables it and ends its sessions (admin)")
	StaffView update(@PathVariable long id, @Valid @RequestBody StaffUpdateRequest request) {
		// Fields left out keep their current values, so that {"enabled": false} alone
		// disables an account.
		StaffView current = this.staff.get(id);
		StaffView updated = this.staff.update(id, new StaffCommand(null, request.password(),
				(request.name() != null) ? request.name() : current.name(),
				(request.phone() != null) ? request.phone() : this.staff.phoneOf(id),
				(request.roles() != null) ? request.roles()
						: current.roles().stream().map(Role::valueOf).collect(java.util.stream.Collectors.toSet()),
				(request.permissions() != null) ? request.permissions()
						: current.permissions()
							.stream()
							.map(Permission::valueOf)
							.collect(java.util.stream.Collectors.toSet()),
				(request.communityIds() != null) ? request.communityIds() : Set.copyOf(current.communityIds())));
		if (request.enabled() != null) {
			updated = request.enabled() ? this.staff.enable(id) : this.staff.disable(id);
		}
		return updated;
	}

	@GetMapping("/audit")
	@Operation(summary = "Browse the audit log (admin)")
	PageView<AuditEntries.AuditEntryView> audit(@RequestParam(required = false) String actor,
			@RequestParam(required = false) String action, @RequestParam(required = false) String targetType,
			@RequestParam(required = false) String targetId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) java.time.LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) java.time.LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.audit.page(new AuditEntries.AuditFilter(actor, action, targetType, targetId, from, to),
				new PageQuery(page, size, null, null));
	}

	record StaffCreateRequest(
			@NotBlank(message = "{validation.required}") @Size(max = 64,
					message = "{validation.tooLong}") String username,
			@NotBlank(message = "{validation.required}") @Size(max = 128,
					message = "{validation.tooLong}") String password,
			@NotBlank(message = "{validation.required}") @Size(max = 64, message = "{validation.tooLong}") String name,
			@Size(max = 20, message = "{validation.tooLong}") String phone,
			@NotEmpty(message = "{identity.staff.roles.required}") Set<Role> roles, Set<Permission> permissions,
			Set<Long> communityIds) {
	}

	record StaffUpdateRequest(@Size(max = 128, message = "{validation.tooLong}") String password,
			@Size(max = 64, message = "{validation.tooLong}") String name,
			@Size(max = 20, message = "{validation.tooLong}") String phone, Set<Role> roles,
			Set<Permission> permissions, Set<Long> communityIds, Boolean enabled) {
	}

}
