package org.linli.identity.internal;

import java.util.Map;

import org.linli.identity.AuditLog;
import org.linli.identity.ResidentUser;
import org.linli.identity.StaffUser;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password sign-in for the login page and the token endpoint alike: refuses throttled
 * attempts and leaves an audit entry for every success and failure.
 */
class AuditedAuthenticationProvider implements AuthenticationProvider {

	private final DaoAuthenticationProvider delegate;

	private final LoginThrottle throttle;

	private final AuditLog audit;

	private final ResidentAccounts residents;

	AuditedAuthenticationProvider(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle,
			AuditLog audit, ResidentAccounts residents) {
		this.delegate = new DaoAuthenticationProvider(users);
		this.delegate.setPasswordEncoder(encoder);
		this.throttle = throttle;
		this.audit = audit;
		this.residents = residents;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String name = String.valueOf(authentication.getName());
		if (name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
			// no account has such a name; it would not even fit in the audit log
			throw new BadCredentialsException("Not a username");
		}
		// a phone number used as a username is recorded by its keyed hash, never in clear
		String subject = this.residents.subjectFor(String.valueOf(authentication.getName()).trim());
		return this.throttle.attempt(subject, AuditLog.clientAddress(),
				() -> this.audit.recordFor(null, subject, "LOGIN_THROTTLED", Map.of()), () -> {
					try {
						Authentication result = this.delegate.authenticate(authentication);
						if (result.getPrincipal() instanceof StaffUser user) {
							this.audit.recordFor(user.getAccountId(), user.getUsername(), LoginThrottle.SUCCEEDED,
									Map.of());
						}
						else if (result.getPrincipal() instanceof ResidentUser resident) {
							this.audit.recordFor(null, subject, LoginThrottle.SUCCEEDED,
									Map.of("residentId", resident.getResidentId()));
						}
						return result;
					}
					catch (AuthenticationException ex) {
						this.audit.recordFor(null, subject, LoginThrottle.FAILED,
								Map.of("reason", ex.getClass().getSimpleName()));
						// for the metrics scraper: linli_signin_failures_total
						io.micrometer.core.instrument.Metrics.counter("linli.signin.failures").increment();
						throw ex;
					}
				});
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
