package org.linli.residents.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.linli.residents.Gender;
import org.linli.residents.IdType;

/** A resident row as stored: personal data still encrypted. */
record ResidentRow(long id, Long communityId, String name, String phoneCipher, String phoneHash, IdType idType,
		String idCipher, String idHash, Gender gender, String emergencyCipher, String note, Instant createdAt,
		Instant updatedAt) {

	static final String COLUMNS = "r.id, r.community_id, r.name, r.phone_cipher, r.phone_hash, r.id_type, r.id_cipher,"
			+ " r.id_hash, r.gender, r.emergency_cipher, r.note, r.created_at, r.updated_at";

	static ResidentRow map(ResultSet rs, int n) throws SQLException {
		String idType = rs.getString("id_type");
		String gender = rs.getString("gender");
		return new ResidentRow(rs.getLong("id"), (Long) rs.getObject("community_id"), rs.getString("name"),
				rs.getString("phone_cipher"), rs.getString("phone_hash"),
				(idType != null) ? IdType.valueOf(idType) : null, rs.getString("id_cipher"), rs.getString("id_hash"),
				(gender != null) ? Gender.valueOf(gender) : null, rs.getString("emergency_cipher"),
				rs.getString("note"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

}
