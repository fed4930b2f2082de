/**
 * Dunning (催缴): reminding rooms of what they owe, lawfully and politely — each
 * community's policy (first reminder so many days after the due date, then every so many
 * days, at most so many times, by the chosen channels), its daily run, the arrears list
 * (欠费清单) from which staff remind chosen rooms or print their notices (催缴通知单), and each
 * room's reminder history beside the staff's notes of visits and calls (催缴登记). It offers
 * no way to cut water, power, lifts or access for arrears.
 * <p>
 * Messages go through {@link org.linli.notifications.Notifications}; a reminder whose
 * lines are paid before it is delivered is stopped by this module's guard. Exposes
 * {@link org.linli.dunning.Dunning} and the event {@link org.linli.dunning.RoomReminded}.
 */
@ApplicationModule(allowedDependencies = { "shared", "identity", "estate", "residents", "billing", "notifications" })
package org.linli.dunning;

import org.springframework.modulith.ApplicationModule;
