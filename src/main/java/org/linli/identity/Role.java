package org.linli.identity;

/**
 * What a staff member does. ADMIN works in every community and manages accounts.
 */
public enum Role {

	ADMIN, MANAGER, FINANCE, SERVICE, TECHNICIAN, INSPECTOR;

	/** The Spring Security authority of this role. */
	public String authority() {
		return "ROLE_" + name();
	}

}
