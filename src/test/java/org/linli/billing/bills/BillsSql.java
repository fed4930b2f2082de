package org.linli.billing.bills;

/** The SQL of the bill reads, for benchmarks that measure it without the service. */
public final class BillsSql {

	public static final String SELECT = Bills.SELECT;

	private BillsSql() {
	}

}
