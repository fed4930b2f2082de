package org.linli.workorders.internal;

import org.linli.identity.Permission;
import org.linli.identity.ResidentUser;
import org.linli.identity.Role;
import org.linli.identity.StaffUser;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who takes a step: a staff member, a resident, or the system (a listener, a job, a QR
 * page).
 */
record Actor(StaffUser staff, ResidentUser resident) {

	static Actor current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof StaffUser user) {
			return new Actor(user, null);
		}
		if (authentication != null && authentication.getPrincipal() instanceof ResidentUser user) {
			return new Actor(null, user);
		}
		return new Actor(null, null);
	}

	boolean isStaff() {
		return this.staff != null;
	}

	boolean isResident() {
		return this.resident != null;
	}

	/** Dispatches and sees every order of their communities. */
	boolean dispatches() {
		return isStaff() && (this.staff.hasRole(Role.ADMIN) || this.staff.hasRole(Role.MANAGER)
				|| this.staff.hasRole(Role.SERVICE));
	}

	/** May act for any technician (managers). */
	boolean manages() {
		return isStaff() && (this.staff.hasRole(Role.ADMIN) || this.staff.hasRole(Role.MANAGER));
	}

	boolean isTechnician() {
		return isStaff() && this.staff.hasRole(Role.TECHNICIAN);
	}

	boolean seesPersonalData() {
		return isStaff() && this.staff.hasPermission(Permission.PERSONAL_DATA_VIEW);
	}

	Long staffId() {
		return isStaff() ? this.staff.getAccountId() : null;
	}

}
