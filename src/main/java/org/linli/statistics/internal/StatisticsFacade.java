package org.linli.statistics.internal;

import java.time.YearMonth;

import org.linli.shared.SqlRead;
import org.linli.statistics.Statistics;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The implementation of {@link Statistics}: the reports' own figures, no scope check. */
@Service
@Transactional(readOnly = true)
class StatisticsFacade implements Statistics {

	private final Reports reports;

	StatisticsFacade(Reports reports) {
		this.reports = reports;
	}

	@Override
	@SqlRead
	public MonthCollection collectionOf(long communityId, YearMonth month) {
		return this.reports.collectionOfMonth(communityId, month);
	}

}
