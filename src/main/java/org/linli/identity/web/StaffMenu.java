package org.linli.identity.web;

import java.util.Set;

import org.linli.identity.Role;
import org.linli.identity.StaffUser;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The staff menu of the signed-in member, worked out once per page: the layout used to
 * ask Spring Security's expression handler a dozen times per view (5% of a page's time).
 * Only what the menu shows; every page and endpoint keeps its own check.
 */
@Component("staffMenu")
public class StaffMenu {

	/** The menu's entries the member's roles call for, and the name it shows. */
	public record Items(boolean staff, boolean cashier, boolean arrears, boolean workOrders, boolean complaints,
			boolean stats, boolean community, boolean rounds, boolean admin, boolean manager, String displayName) {

		static final Items NONE = new Items(false, false, false, false, false, false, false, false, false, false, null);

	}

	/** The signed-in member's menu (none for anyone else). */
	public Items current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof StaffUser user)) {
			return Items.NONE;
		}
		Set<String> held = new java.util.HashSet<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			held.add(authority.getAuthority());
		}
		if (!held.contains("STAFF")) {
			return Items.NONE;
		}
		boolean admin = held.contains(Role.ADMIN.authority());
		boolean manager = admin || held.contains(Role.MANAGER.authority());
		boolean finance = held.contains(Role.FINANCE.authority());
		boolean service = held.contains(Role.SERVICE.authority());
		boolean technician = held.contains(Role.TECHNICIAN.authority());
		boolean inspector = held.contains(Role.INSPECTOR.authority());
		return new Items(true, manager || finance, manager || finance || service, manager || service || technician,
				manager || service || technician, manager || finance, manager || service, inspector || technician,
				admin, manager, user.getDisplayName());
	}

}
