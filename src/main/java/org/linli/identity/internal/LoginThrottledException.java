package org.linli.identity.internal;

import org.springframework.security.core.AuthenticationException;

/**
 * Sign-in refused because of too many recent failures.
 */
public class LoginThrottledException extends AuthenticationException {

	public LoginThrottledException() {
		super("Too many failed sign-in attempts");
	}

}
