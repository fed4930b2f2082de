/**
 * Community life (社区): announcements (公告) to a community or chosen buildings, scheduled,
 * pinned, urgent ones also by SMS, with how many households have read them; and
 * activities (社区活动) with registration by household, a capacity that is never exceeded, a
 * waiting list promoted in order, fees billed to the room through
 * {@link org.linli.billing.Billing}, and check-in on the day.
 * <p>
 * Exposes {@link org.linli.community.Community} for the home pages and the events
 * {@link org.linli.community.AnnouncementPublished} and
 * {@link org.linli.community.RegistrationPromoted}.
 */
@ApplicationModule(allowedDependencies = { "shared", "identity", "estate", "residents", "notifications", "billing" })
package org.linli.community;

import org.springframework.modulith.ApplicationModule;
