package org.linli.identity;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The signed-in staff member. Kept in the session, so it holds only what does not change
 * behind its back; the community scope is read fresh on every request.
 */
public class StaffUser extends User {

	private static final long serialVersionUID = 1L;

	private final long accountId;

	private final String displayName;

	public StaffUser(long accountId, String username, String passwordHash, String displayName, boolean enabled,
			Collection<? extends GrantedAuthority> authorities) {
		super(username, passwordHash, enabled, true, true, true, authorities);
		this.accountId = accountId;
		this.displayName = displayName;
	}

	public long getAccountId() {
		return this.accountId;
	}

	public String getDisplayName() {
		return this.displayName;
	}

	public boolean hasRole(Role role) {
		return getAuthorities().stream().anyMatch((a) -> role.authority().equals(a.getAuthority()));
	}

	public boolean hasPermission(Permission permission) {
		return getAuthorities().stream().anyMatch((a) -> permission.name().equals(a.getAuthority()));
	}

}
