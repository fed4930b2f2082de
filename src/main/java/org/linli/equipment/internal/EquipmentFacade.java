package org.linli.equipment.internal;

import java.util.Optional;

import org.linli.equipment.DeviceCategory;
import org.linli.equipment.DeviceStatus;
import org.linli.equipment.Equipment;
import org.linli.identity.AuditLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The implementation of {@link Equipment}: a device's status follows its repairs only
 * between IN_USE and UNDER_REPAIR, so that a status someone set by hand is never undone.
 */
@Service
class EquipmentFacade implements Equipment {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	EquipmentFacade(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Override
	public java.util.List<MaintenanceDone> maintenanceDone(long communityId, java.time.LocalDate from,
			java.time.LocalDate to) {
		return this.jdbc.sql("""
				SELECT t.id, e.category, e.code || ' ' || e.name AS device, t.completed_at, coalesce(t.cost, 0) AS cost
				FROM maintenance_task t JOIN equipment e ON e.id = t.equipment_id
				WHERE t.community_id = :community AND t.completed_at >= :from AND t.completed_at < :until
				ORDER BY t.completed_at, t.id""")
			.param("community", communityId)
			.param("from", java.sql.Timestamp.from(org.linli.shared.Times.startOf(from)))
			.param("until", java.sql.Timestamp.from(org.linli.shared.Times.startOf(to.plusDays(1))))
			.query((rs, n) -> new MaintenanceDone(rs.getLong(1), DeviceCategory.valueOf(rs.getString(2)),
					rs.getString(3), org.linli.shared.Times.date(rs.getTimestamp(4).toInstant()),
					org.linli.shared.Money.of(rs.getBigDecimal(5))))
			.list();
	}

	@Override
	public Duties duties(long communityId, Long assigneeId, java.time.LocalDate day) {
		long me = (assigneeId != null) ? assigneeId : -1L;
		return this.jdbc
			.sql("""
					SELECT (SELECT count(*) FROM maintenance_task t WHERE t.community_id = :community AND t.completed_at IS NULL
					          AND t.due_date < :day),
					       (SELECT count(*) FROM maintenance_task t WHERE t.community_id = :community AND t.completed_at IS NULL
					          AND t.due_date = :day),
					       (SELECT count(*) FROM inspection_round r WHERE r.community_id = :community AND r.completed_at IS NULL
					          AND r.starts_at < :until AND r.ends_at > :from),
					       (SELECT count(*) FROM inspection_round r WHERE r.community_id = :community AND r.completed_at IS NULL
					          AND r.starts_at < :until AND r.ends_at > :from AND (r.assignee_id = :me OR r.assignee_id IS NULL))""")
			.param("community", communityId)
			.param("day", java.sql.Date.valueOf(day))
			.param("from", java.sql.Timestamp.from(org.linli.shared.Times.startOf(day)))
			.param("until", java.sql.Timestamp.from(org.linli.shared.Times.startOf(day.plusDays(1))))
			.param("me", me)
			.query((rs, n) -> new Duties(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}

	@Override
	public Optional<DeviceRef> device(long id) {
		return this.jdbc
			.sql("SELECT id, community_id, code, name, category, location, status FROM equipment WHERE id = ?")
			.param(id)
			.query((rs, n) -> new DeviceRef(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					DeviceCategory.valueOf(rs.getString(5)), rs.getString(6), DeviceStatus.valueOf(rs.getString(7))))
			.optional();
	}

	@Override
	@Transactional
	public boolean repairBegan(long id, String reason) {
		return change(id, DeviceStatus.IN_USE, DeviceStatus.UNDER_REPAIR, reason);
	}

	@Override
	@Transactional
	public void repairOver(long id, String reason) {
		change(id, DeviceStatus.UNDER_REPAIR, DeviceStatus.IN_USE, reason);
	}

	private boolean change(long id, DeviceStatus from, DeviceStatus to, String reason) {
		Long community = this.jdbc
			.sql("UPDATE equipment SET status = :to WHERE id = :id AND status = :from RETURNING community_id")
			.param("to", to.name())
			.param("from", from.name())
			.param("id", id)
			.query(Long.class)
			.optional()
			.orElse(null);
		if (community == null) {
			return false;
		}
		this.audit.record("EQUIPMENT_UPDATED", "equipment", id, community,
				AuditLog.Changes.of().changed("status", from, to).set("reason", reason));
		return true;
	}

}
