package org.linli.identity.internal;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends every web session of an account, on every node (sessions live in the database).
 */
@Component
public class SessionTerminator {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	SessionTerminator(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	public int endSessionsOf(String username) {
		var found = this.sessions.findByPrincipalName(username);
		found.keySet().forEach(this.sessions::deleteById);
		return found.size();
	}

}
