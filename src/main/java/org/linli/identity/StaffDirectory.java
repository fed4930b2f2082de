package org.linli.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Staff as other modules need to know them: who works in a community, in which roles
 * (assignees of tasks and rounds). Names, roles and communities only — no sign-in or
 * personal data.
 */
@Component
public class StaffDirectory {

	private final JdbcClient jdbc;

	StaffDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record StaffRef(long id, String name, Set<Role> roles, boolean allCommunities, Set<Long> communityIds) {

		public boolean worksIn(long communityId) {
			return this.allCommunities || this.communityIds.contains(communityId);
		}

	}

	public Optional<StaffRef> staff(long id) {
		return this.jdbc.sql("SELECT id, name FROM staff_account WHERE id = ? AND enabled")
			.param(id)
			.query((rs, n) -> ref(rs.getLong(1), rs.getString(2)))
			.optional();
	}

	/** Staff members' names by id, in one query (for lists). */
	public java.util.Map<Long, String> names(java.util.Collection<Long> ids) {
		java.util.Map<Long, String> names = new java.util.HashMap<>();
		List<Long> wanted = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
		if (wanted.isEmpty()) {
			return names;
		}
		this.jdbc.sql("SELECT id, name FROM staff_account WHERE id IN (:ids)")
			.param("ids", wanted)
			.query((rs, n) -> names.put(rs.getLong(1), rs.getString(2)))
			.list();
		return names;
	}

	/**
	 * The ids of the enabled staff of a community (admins included) who hold the
	 * permission.
	 */
	public List<Long> withPermission(long communityId, Permission permission) {
		return this.jdbc.sql("""
				SELECT a.id FROM staff_account a
				WHERE a.enabled
				  AND EXISTS (SELECT 1 FROM staff_account_permission p WHERE p.account_id = a.id AND p.permission = ?)
				  AND (EXISTS (SELECT 1 FROM staff_account_community c WHERE c.account_id = a.id AND c.community_id = ?)
				       OR EXISTS (SELECT 1 FROM staff_account_role r WHERE r.account_id = a.id AND r.role = 'ADMIN'))
				ORDER BY a.id""").params(permission.name(), communityId).query(Long.class).list();
	}

	/** The enabled staff who work in a community (admins included), by name. */
	public List<StaffRef> inCommunity(long communityId) {
		// one statement, each member with their roles and communities (notices and
		// dispatch ask on every step)
		return this.jdbc
			.sql("""
					SELECT a.id, a.name,
					       ARRAY(SELECT r.role FROM staff_account_role r WHERE r.account_id = a.id) AS roles,
					       ARRAY(SELECT c.community_id FROM staff_account_community c WHERE c.account_id = a.id) AS communities
					FROM staff_account a
					WHERE a.enabled AND (EXISTS (SELECT 1 FROM staff_account_community c WHERE c.account_id = a.id AND c.community_id = ?)
					                     OR EXISTS (SELECT 1 FROM staff_account_role r WHERE r.account_id = a.id AND r.role = 'ADMIN'))
					ORDER BY a.name, a.id""")
			.param(communityId)
			.query((rs, n) -> {
				Set<Role> roles = new java.util.HashSet<>();
				for (Object role : (Object[]) rs.getArray("roles").getArray()) {
					roles.add(Role.valueOf((String) role));
				}
				Set<Long> communities = new java.util.HashSet<>();
				for (Object id : (Object[]) rs.getArray("communities").getArray()) {
					communities.add(((Number) id).longValue());
				}
				return new StaffRef(rs.getLong("id"), rs.getString("name"), roles, roles.contains(Role.ADMIN),
						communities);
			})
			.list();
	}

	private StaffRef ref(long id, String name) {
		Set<Role> roles = new java.util.HashSet<>(
				this.jdbc.sql("SELECT role FROM staff_account_role WHERE account_id = ?")
					.param(id)
					.query((rs, n) -> Role.valueOf(rs.getString(1)))
					.list());
		Set<Long> communities = new java.util.HashSet<>(
				this.jdbc.sql("SELECT community_id FROM staff_account_community WHERE account_id = ?")
					.param(id)
					.query(Long.class)
					.list());
		return new StaffRef(id, name, roles, roles.contains(Role.ADMIN), communities);
	}

}
