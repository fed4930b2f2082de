/**
 * Fees (费用): fee items and their pricing, meter readings, billing runs, bills, late fees,
 * waivers and cancellations, payments with their receipts, prepaid accounts, refunds and
 * the residents' payment orders.
 * <p>
 * Other modules reach billing only through {@link org.linli.billing.Billing} — a room's
 * open lines and arrears, the figures of fee statistics, and charges from other modules
 * (a chargeable repair, an activity's fee) — and through its events
 * {@link org.linli.billing.BillsIssued} and {@link org.linli.billing.PaymentReceived}.
 * Its states are types: {@link org.linli.billing.BillStatus},
 * {@link org.linli.billing.PaymentMethod}, {@link org.linli.billing.ChargeKind}.
 */
@ApplicationModule(allowedDependencies = { "shared", "identity", "estate", "residents" })
package org.linli.billing;

import org.springframework.modulith.ApplicationModule;
