/**
 * Repair work orders (报修): one kind of order from four ways in — a resident in the
 * portal, customer service for a caller (代客报修), a device's public QR page (equipment's
 * {@link org.linli.equipment.FaultReported}) and an abnormal inspection checkpoint
 * ({@link org.linli.equipment.InspectionAbnormal}) — dispatched to a technician or taken
 * from the pool, worked through the states of
 * {@link org.linli.workorders.WorkOrderStatus}, held to each community's response and
 * completion limits, completed with labour and materials (an in-home repair marked
 * chargeable becomes one bill line through {@link org.linli.billing.Billing}), rated by
 * the resident, and called back when the rating is low.
 * <p>
 * Exposes {@link org.linli.workorders.WorkOrders} and the events
 * {@link org.linli.workorders.WorkOrderOpened} and
 * {@link org.linli.workorders.WorkOrderCompleted}; implements equipment's
 * {@link org.linli.equipment.RepairRecords} (a device's repairs, a QR report's progress).
 */
@ApplicationModule(
		allowedDependencies = { "shared", "identity", "estate", "residents", "billing", "equipment", "notifications" })
package org.linli.workorders;

import org.springframework.modulith.ApplicationModule;
