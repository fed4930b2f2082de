package org.linli.identity.internal;

import java.util.ArrayList;
import java.util.List;

import org.linli.identity.StaffUser;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads staff accounts for sign-in.
 */
@Service
public class StaffUserDetailsService implements UserDetailsService {

	private final StaffAccountRepository accounts;

	StaffUserDetailsService(StaffAccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	// sign-in runs in the throttle's transaction: an unknown name must not spoil it
	@Transactional(readOnly = true, noRollbackFor = UsernameNotFoundException.class)
	public StaffUser loadUserByUsername(String username) {
		StaffAccount account = this.accounts.findByUsernameIgnoreCase(username)
			.orElseThrow(() -> new UsernameNotFoundException("No such account"));
		return toUser(account);
	}

	static StaffUser toUser(StaffAccount account) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		account.getRoles().forEach((role) -> authorities.add(new SimpleGrantedAuthority(role.authority())));
		account.getPermissions().forEach((p) -> authorities.add(new SimpleGrantedAuthority(p.name())));
		authorities.add(new SimpleGrantedAuthority("STAFF"));
		return new StaffUser(account.getId(), account.getUsername(), account.getPasswordHash(), account.getName(),
				account.isEnabled(), authorities);
	}

}
