package org.linli.complaints.internal;

import org.linli.shared.PageQuery;
import org.linli.shared.PersonalDataSection;

import org.springframework.stereotype.Component;

/** The complaints, suggestions and praise the resident brought, in the download. */
@Component
class ComplaintPersonalData implements PersonalDataSection {

	private final ComplaintService complaints;

	ComplaintPersonalData(ComplaintService complaints) {
		this.complaints = complaints;
	}

	@Override
	public String name() {
		return "complaints";
	}

	@Override
	public Object of(long residentId) {
		// each item whole (its description, photos' ids, timeline), as the resident reads
		// it
		return this.complaints.ofResident(residentId, new PageQuery(0, PageQuery.MAX_SIZE, null, null))
			.content()
			.stream()
			.map((row) -> this.complaints.findForResident(residentId, row.id()))
			.toList();
	}

}
