package org.linli.estate;

import java.util.List;

import org.linli.identity.CommunityDirectory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other modules may ask of the estate. For now: which communities exist (so staff can be assigned to them).
 */
@Component
public class Estate implements CommunityDirectory {

	private final JdbcClient jdbc;

	Estate(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<CommunityRef> allCommunities() {
		return this.jdbc.sql("SELECT id, name FROM community ORDER BY id")
			.query((rs, n) -> new CommunityRef(rs.getLong("id"), rs.getString("name")))
			.list();
	}

	@Override
	public boolean exists(long communityId) {
		return this.jdbc.sql("SELECT count(*) > 0 FROM community WHERE id = ?")
			.param(communityId)
			.query(Boolean.class)
			.single();
	}

}
