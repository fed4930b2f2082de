/**
 * Notifications (通知): how every module reaches residents and staff — the portal's inbox
 * and the console's bell, SMS (log, an HTTP gateway or Alibaba Cloud) and email — through
 * a transactional outbox delivered by a background worker with retries, the recipients'
 * own choices (language, reminders by SMS or email), each community's quiet hours and
 * daily limit, and a delivery log staff can search.
 * <p>
 * Exposes {@link org.linli.notifications.Notifications} (send a notice, in the caller's
 * transaction), {@link org.linli.notifications.DeliveryGuard} (a module's say on whether
 * a queued message is still wanted), {@link org.linli.notifications.ResidentContacts}
 * (how to reach a resident, which the residents module provides),
 * {@link org.linli.notifications.Channel}, {@link org.linli.notifications.Purpose} and
 * {@link org.linli.notifications.DeliveryStatus}.
 */
@ApplicationModule(allowedDependencies = { "shared", "identity" })
package org.linli.notifications;

import org.springframework.modulith.ApplicationModule;
