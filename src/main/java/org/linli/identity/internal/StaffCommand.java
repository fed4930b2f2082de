package org.linli.identity.internal;

import java.util.Set;

import org.linli.identity.Permission;
import org.linli.identity.Role;

/**
 * What an admin asks for when creating or changing a staff account. A null password on
 * update keeps the old one.
 */
public record StaffCommand(String username, String password, String name, String phone, Set<Role> roles,
		Set<Permission> permissions, Set<Long> communityIds) {

	public StaffCommand {
		roles = (roles != null) ? Set.copyOf(roles) : Set.of();
		permissions = (permissions != null) ? Set.copyOf(permissions) : Set.of();
		communityIds = (communityIds != null) ? Set.copyOf(communityIds) : Set.of();
	}

}
