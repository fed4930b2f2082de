package org.linli.workorders.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.linli.billing.Billing;
import org.linli.equipment.RepairRecords;
import org.linli.shared.Money;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;
import org.linli.workorders.Area;
import org.linli.workorders.RepairCategory;
import org.linli.workorders.WorkOrders;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The implementation of {@link WorkOrders}, and of equipment's {@link RepairRecords}: set
 * reads over the orders, no scope check (the caller's module checked it).
 */
@Service
@Transactional(readOnly = true)
class WorkOrdersFacade implements WorkOrders, RepairRecords {

	private final JdbcClient jdbc;

	private final Billing billing;

	private final Clock clock;

	/** Late: the service reaches equipment, whose repair records are this facade. */
	private final ObjectProvider<WorkOrderService> orders;

	WorkOrdersFacade(JdbcClient jdbc, Billing billing, Clock clock, ObjectProvider<WorkOrderService> orders) {
		this.orders = orders;
		this.jdbc = jdbc;
		this.billing = billing;
		this.clock = clock;
	}

	@Override
	@Transactional
	public OpenedOrder openFromComplaint(ComplaintRepair repair) {
		return this.orders.getObject().fromComplaint(repair);
	}

	@Override
	public List<RepairCost> repairCosts(long communityId, LocalDate from, LocalDate to) {
		List<RepairCost> costs = this.jdbc
			.sql("""
					SELECT id, number, area, room_id, equipment_id, category, coalesce(labour, 0) + coalesce(materials_total, 0) AS cost,
					       coalesce(charge_amount, 0) AS charged, completed_at
					FROM work_order
					WHERE community_id = :community AND completed_at >= :from AND completed_at < :until AND status IN ('COMPLETED', 'CLOSED')
					ORDER BY completed_at, id""")
			.param("community", communityId)
			.param("from", Timestamp.from(Times.startOf(from)))
			.param("until", Timestamp.from(Times.startOf(to.plusDays(1))))
			.query((rs, n) -> new RepairCost(rs.getLong("id"), rs.getString("number"),
					Area.valueOf(rs.getString("area")), (Long) rs.getObject("room_id"),
					(Long) rs.getObject("equipment_id"), RepairCategory.valueOf(rs.getString("category")),
					Money.of(rs.getBigDecimal("cost")), Money.of(rs.getBigDecimal("charged")),
					rs.getTimestamp("completed_at").toInstant()))
			.list();
		// a charge finance cancelled on the bill is not the household's after all
		java.util.Set<String> standing = this.billing.standingCharges(costs.stream()
			.filter((cost) -> cost.charged().isPositive())
			.map((cost) -> WorkOrderService.chargeKey(cost.workOrderId()))
			.toList());
		return costs.stream()
			.map((cost) -> (!cost.charged().isPositive()
					|| standing.contains(WorkOrderService.chargeKey(cost.workOrderId())))
							? cost
							: new RepairCost(cost.workOrderId(), cost.number(), cost.area(), cost.roomId(),
									cost.equipmentId(), cost.category(), cost.cost(), Money.ZERO, cost.completedAt()))
			.toList();
	}

	@Override
	@SqlRead
	public OpenCount openCount(long communityId) {
		return openCount(communityId, null);
	}

	@Override
	@SqlRead
	public long openOfResident(long residentId) {
		return this.jdbc
			.sql("SELECT count(*) FROM work_order WHERE reporter_resident_id = ? "
					+ "AND status IN ('SUBMITTED','ASSIGNED','ACCEPTED','IN_PROGRESS','ON_HOLD','RETURNED')")
			.param(residentId)
			.query(Long.class)
			.single();
	}

	@Override
	@SqlRead
	public OpenCount openCount(long communityId, Long assigneeId) {
		return this.jdbc.sql("SELECT count(*), count(*) FILTER (WHERE " + Sla.OVERDUE_SQL + "), "
				+ "count(*) FILTER (WHERE w.status IN ('SUBMITTED','RETURNED')), "
				+ "count(*) FILTER (WHERE w.assignee_id = :me) FROM work_order w "
				+ "WHERE w.community_id = :community AND w.status IN ('SUBMITTED','ASSIGNED','ACCEPTED','IN_PROGRESS','ON_HOLD','RETURNED')")
			.param("community", communityId)
			.param("me", (assigneeId != null) ? assigneeId : -1L)
			.param("now", Timestamp.from(this.clock.instant()))
			.query((rs, n) -> new OpenCount(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}

	@Override
	public List<Repair> ofDevice(long equipmentId) {
		return this.jdbc
			.sql("""
					SELECT id, number, created_at, status, description,
					       CASE WHEN completed_at IS NOT NULL THEN coalesce(labour, 0) + coalesce(materials_total, 0) END AS cost
					FROM work_order WHERE equipment_id = ? ORDER BY id DESC""")
			.param(equipmentId)
			.query((rs, n) -> new Repair(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getString(4), rs.getString(5), rs.getBigDecimal(6)))
			.list();
	}

	@Override
	public Optional<Progress> ofFault(long faultId) {
		return this.jdbc.sql("SELECT id, number, status FROM work_order WHERE source_key = ?")
			.param("fault:" + faultId)
			.query((rs, n) -> new Progress(rs.getString(2), rs.getString(3),
					this.jdbc.sql("SELECT status, at FROM work_order_step WHERE work_order_id = ? ORDER BY id")
						.param(rs.getLong(1))
						.query((s, m) -> new Step(s.getString(1), s.getTimestamp(2).toInstant()))
						.list()))
			.optional();
	}

}
