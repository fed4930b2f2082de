package org.linli.identity.internal;

import java.util.Map;

import org.linli.identity.AuditLog;
import org.linli.identity.StaffUser;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password sign-in for the login page and the token endpoint alike: refuses throttled attempts and leaves an
 * audit entry for every success and failure.
 */
class AuditedAuthenticationProvider implements AuthenticationProvider {

	private final DaoAuthenticationProvider delegate;

	private final LoginThrottle throttle;

	private final AuditLog audit;

	AuditedAuthenticationProvider(StaffUserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle,
			AuditLog audit) {
		this.delegate = new DaoAuthenticationProvider(users);
		this.delegate.setPasswordEncoder(encoder);
		this.throttle = throttle;
		this.audit = audit;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = String.valueOf(authentication.getName()).trim();
		if (this.throttle.isThrottled(username, AuditLog.clientAddress())) {
			this.audit.recordFor(null, username, "LOGIN_THROTTLED", Map.of());
			throw new LoginThrottledException();
		}
		try {
			Authentication result = this.delegate.authenticate(authentication);
			StaffUser user = (StaffUser) result.getPrincipal();
			this.audit.recordFor(user.getAccountId(), user.getUsername(), LoginThrottle.SUCCEEDED, Map.of());
			return result;
		}
		catch (AuthenticationException ex) {
			this.audit.recordFor(null, username, LoginThrottle.FAILED,
					Map.of("reason", ex.getClass().getSimpleName()));
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
