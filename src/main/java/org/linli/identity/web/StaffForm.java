package org.linli.identity.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.linli.identity.Permission;
import org.linli.identity.Role;
import org.linli.identity.internal.StaffCommand;
import org.linli.identity.internal.StaffView;
import org.linli.shared.web.FormValues;

/**
 * The staff account form of the staff console, as typed: roles and permissions by their
 * codes.
 */
public record StaffForm(
		@NotBlank(message = "{validation.required}") @Size(max = 64, message = "{validation.tooLong}") String username,
		@Size(max = 128, message = "{validation.tooLong}") String password,
		@NotBlank(message = "{validation.required}") @Size(max = 64, message = "{validation.tooLong}") String name,
		@Size(max = 20, message = "{validation.tooLong}") String phone, List<String> roles, List<String> permissions,
		List<Long> communityIds) {

	public StaffForm {
		roles = (roles != null) ? roles : List.of();
		permissions = (permissions != null) ? permissions : List.of();
		communityIds = (communityIds != null) ? communityIds : List.of();
	}

	static StaffForm blank() {
		return new StaffForm(null, null, null, null, List.of(), List.of(), List.of());
	}

	static StaffForm of(StaffView view, String phone) {
		return new StaffForm(view.username(), null, view.name(), phone, List.copyOf(view.roles()),
				List.copyOf(view.permissions()), List.copyOf(view.communityIds()));
	}

	StaffCommand command() {
		FormValues values = new FormValues();
		Set<Role> chosenRoles = new LinkedHashSet<>();
		this.roles.forEach((r) -> chosenRoles.add(values.choice(Role.class, "roles", r)));
		Set<Permission> chosenPermissions = new LinkedHashSet<>();
		this.permissions.forEach((p) -> chosenPermissions.add(values.choice(Permission.class, "permissions", p)));
		values.throwIfAny();
		return new StaffCommand(this.username, this.password, this.name, this.phone, chosenRoles, chosenPermissions,
				new LinkedHashSet<>(this.communityIds));
	}

}
