package org.linli.workorders.internal;

import org.linli.equipment.FaultReported;
import org.linli.equipment.InspectionAbnormal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Opens repair orders from equipment's events: a fault reported on a device's QR page,
 * and a checkpoint an inspector found abnormal. Each makes exactly one order, however
 * often the event is delivered (its source key is unique).
 */
@Component
class WorkOrderListeners {

	private final WorkOrderService orders;

	WorkOrderListeners(WorkOrderService orders) {
		this.orders = orders;
	}

	@ApplicationModuleListener
	void on(FaultReported fault) {
		this.orders.fromQrReport(fault.faultId(), fault.communityId(), fault.equipmentId(), fault.description(),
				fault.reporterName());
	}

	@ApplicationModuleListener
	void on(InspectionAbnormal abnormal) {
		this.orders.fromInspection(abnormal.communityId(), abnormal.roundId(), abnormal.checkpointId(),
				abnormal.checkpoint(), abnormal.equipmentId(), abnormal.note(), abnormal.reportedBy());
	}

}
