/**
 * Fees (费用): fee items and their pricing, meter readings, billing runs, bills, late fees,
 * payments. For now it holds the pricing rules — pure functions of quantities, prices and
 * dates — on which fee items, billing runs and payments are being built.
 */
package org.linli.billing;
