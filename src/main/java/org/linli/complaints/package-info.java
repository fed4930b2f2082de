/**
 * Complaints and suggestions (投诉建议): residents complain, suggest or praise in the portal
 * (anonymously if they wish), customer service registers callers and walk-ins; a
 * supervisor gives each item to a handler, who follows it up and resolves it; the
 * resident confirms or reopens it; each community's limits per category flag what is
 * late. Related items are linked, and one that is really a fault opens a repair order
 * through {@link org.linli.workorders.WorkOrders}.
 * <p>
 * The flow is {@link org.linli.complaints.ComplaintStatus} and its steps. Exposes
 * {@link org.linli.complaints.Complaints} and the events
 * {@link org.linli.complaints.ComplaintSubmitted} and
 * {@link org.linli.complaints.ComplaintClosed}, which never carry the author.
 */
@ApplicationModule(allowedDependencies = { "shared", "identity", "estate", "residents", "notifications", "workorders" })
package org.linli.complaints;

import org.springframework.modulith.ApplicationModule;
