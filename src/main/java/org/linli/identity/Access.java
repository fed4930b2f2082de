package org.linli.identity;

/**
 * The role sets of the staff console and API, in one place, for {@code @PreAuthorize}: a
 * module names the set that does a kind of work, not the roles. Community scope is
 * checked beside them by {@link CurrentStaff}.
 */
public final class Access {

	/** Accounts, communities, the audit log. */
	public static final String ADMIN = "hasRole('ADMIN')";

	/** Managers: change the estate, approve refunds, manage plans and routes. */
	public static final String MANAGERS = "hasAnyRole('ADMIN','MANAGER')";

	/** Fees and money: fee items, readings, runs, bills, payments. */
	public static final String FINANCE = "hasAnyRole('ADMIN','MANAGER','FINANCE')";

	/** Residents and their moves, front-desk service. */
	public static final String SERVICE = "hasAnyRole('ADMIN','MANAGER','SERVICE')";

	/**
	 * Staff who deal with residents and their money: what residents were sent, arrears.
	 */
	public static final String STAFF_WITH_RESIDENTS = "hasAnyRole('ADMIN','MANAGER','FINANCE','SERVICE')";

	/** Reading the equipment archive and its history. */
	public static final String EQUIPMENT_READERS = "hasAnyRole('ADMIN','MANAGER','TECHNICIAN','INSPECTOR','SERVICE','FINANCE')";

	/** Work on devices: maintenance tasks, files. */
	public static final String TECHNICIANS = "hasAnyRole('ADMIN','MANAGER','TECHNICIAN')";

	/**
	 * Repair work orders: dispatchers (managers, customer service) and technicians, who
	 * see only theirs and the pool.
	 */
	public static final String REPAIRS = "hasAnyRole('ADMIN','MANAGER','SERVICE','TECHNICIAN')";

	/**
	 * Complaints and suggestions: supervisors (managers, customer service) see every item
	 * of their communities; a handler of another role (a technician) sees those given to
	 * them.
	 */
	public static final String COMPLAINTS = "hasAnyRole('ADMIN','MANAGER','SERVICE','TECHNICIAN')";

	/** Work on inspection rounds. */
	public static final String INSPECTORS = "hasAnyRole('ADMIN','MANAGER','INSPECTOR','TECHNICIAN')";

	private Access() {
	}

}
