package org.linli.workorders.internal;

import org.linli.shared.PageQuery;
import org.linli.shared.PersonalDataSection;

import org.springframework.stereotype.Component;

/** The repairs the resident reported, in the download. */
@Component
class WorkOrderPersonalData implements PersonalDataSection {

	private final WorkOrderService orders;

	WorkOrderPersonalData(WorkOrderService orders) {
		this.orders = orders;
	}

	@Override
	public String name() {
		return "repairs";
	}

	@Override
	public Object of(long residentId) {
		// each item whole (its description, photos' ids, timeline), as the resident reads
		// it
		return this.orders.ofResident(residentId, new PageQuery(0, PageQuery.MAX_SIZE, null, null))
			.content()
			.stream()
			.map((row) -> this.orders.findForResident(residentId, row.id()))
			.toList();
	}

}
