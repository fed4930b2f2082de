/**
 * Fee statistics (费用统计) and what each community spends (支出): collection by month, quarter
 * and year with the recovery of earlier arrears apart, arrears aging, income and expense
 * with the balance and the year before, and the owners' disclosure (公示) that 民法典 Art. 943
 * asks of a property company.
 * <p>
 * Expenses live here rather than in billing: billing is the ledger of what households owe
 * and pay, expenses are the community's own spending, recorded by finance only to be
 * reported beside that income. The figures come from billing's ledger
 * ({@link org.linli.billing.Billing#ledger}), the repairs the community bore
 * ({@link org.linli.workorders.WorkOrders#repairCosts}) and the maintenance it paid for
 * ({@link org.linli.equipment.Equipment#maintenanceDone}) — counted, never typed twice.
 */
@ApplicationModule(
		allowedDependencies = { "shared", "identity", "estate", "residents", "billing", "workorders", "equipment" })
package org.linli.statistics;

import org.springframework.modulith.ApplicationModule;
