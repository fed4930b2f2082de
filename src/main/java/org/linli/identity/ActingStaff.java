package org.linli.identity;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Work done in a staff member's name outside a request — demo data made through the same
 * services as real use, with their checks, audit and notices.
 */
public final class ActingStaff {

	private ActingStaff() {
	}

	/** Runs the work signed in as the person, with one role, and signs out after. */
	public static <T> T as(StaffDirectory.StaffRef person, Role role, Supplier<T> work) {
		StaffUser user = new StaffUser(person.id(), "demo", "", person.name(), true,
				List.of(new SimpleGrantedAuthority(role.authority()), new SimpleGrantedAuthority("STAFF")));
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
