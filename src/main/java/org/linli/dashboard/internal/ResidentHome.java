package org.linli.dashboard.internal;

import java.time.Clock;
import java.util.List;

import org.linli.billing.Billing;
import org.linli.community.Community;
import org.linli.complaints.Complaints;
import org.linli.residents.Residents;
import org.linli.shared.Money;
import org.linli.shared.SqlRead;
import org.linli.shared.Times;
import org.linli.workorders.WorkOrders;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The resident's home in the portal, one phone screen: what they owe (with the pay
 * button), the latest notices, their open repairs and complaints, and the activities they
 * may join.
 */
@Service
@Transactional(readOnly = true)
public class ResidentHome {

	public record Home(String name, boolean hasHome, Money owed, Money overdue, List<Community.NoticeLine> notices,
			long unread, long openRepairs, long openComplaints, List<Community.ActivityLine> activities) {
	}

	private final Residents residents;

	private final Billing billing;

	private final Community community;

	private final WorkOrders workOrders;

	private final Complaints complaints;

	private final Clock clock;

	ResidentHome(Residents residents, Billing billing, Community community, WorkOrders workOrders,
			Complaints complaints, Clock clock) {
		this.residents = residents;
		this.billing = billing;
		this.community = community;
		this.workOrders = workOrders;
		this.complaints = complaints;
		this.clock = clock;
	}

	@SqlRead
	public Home of(long residentId) {
		List<Long> rooms = this.residents.roomsOf(residentId, Times.today(this.clock));
		Money owed = Money.ZERO;
		Money overdue = Money.ZERO;
		for (Billing.Arrears arrears : this.billing.arrears(rooms).values()) {
			owed = owed.plus(arrears.outstanding());
			overdue = overdue.plus(arrears.overdue());
		}
		return new Home(this.residents.names(List.of(residentId)).get(residentId), !rooms.isEmpty(), owed, overdue,
				this.community.latestNotices(residentId, 3), this.community.unreadNotices(residentId),
				this.workOrders.openOfResident(residentId), this.complaints.openOfResident(residentId),
				this.community.upcomingFor(residentId, 3));
	}

}
