package org.linli.identity;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A signed-in resident (portal or API). Its name is {@code resident#<account id>}, never
 * the phone number, so neither sessions nor audit entries hold personal data.
 */
public class ResidentUser extends User {

	private static final long serialVersionUID = 1L;

	public static final String AUTHORITY = "RESIDENT";

	private final long accountId;

	private final long residentId;

	public ResidentUser(long accountId, long residentId, String passwordHash, boolean enabled) {
		super("resident#" + accountId, passwordHash, enabled, true, true, true,
				List.of(new SimpleGrantedAuthority(AUTHORITY)));
		this.accountId = accountId;
		this.residentId = residentId;
	}

	public long getAccountId() {
		return this.accountId;
	}

	public long getResidentId() {
		return this.residentId;
	}

}
