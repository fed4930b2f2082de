package org.linli.identity.internal;

import org.linli.identity.ResidentUser;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Sign-in lookups by kind: residents only (the portal), or staff first and then residents
 * (the token endpoint).
 */
final class ResidentUserDetailsService implements UserDetailsService {

	private final ResidentAccounts residents;

	private final StaffUserDetailsService staff;

	private ResidentUserDetailsService(ResidentAccounts residents, StaffUserDetailsService staff) {
		this.residents = residents;
		this.staff = staff;
	}

	static UserDetailsService residentsOnly(ResidentAccounts residents) {
		return new ResidentUserDetailsService(residents, null);
	}

	static UserDetailsService staffThenResidents(StaffUserDetailsService staff, ResidentAccounts residents) {
		return new ResidentUserDetailsService(residents, staff);
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		if (this.staff != null) {
			try {
				return this.staff.loadUserByUsername(username);
			}
			catch (UsernameNotFoundException ex) {
				// not a staff member: perhaps a resident's phone number
			}
		}
		ResidentUser resident = this.residents.byPhone(username)
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
		return resident;
	}

}
