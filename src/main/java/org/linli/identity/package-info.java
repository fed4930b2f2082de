/**
 * Accounts and access (账号权限): staff accounts with their roles and the communities they
 * work in, residents' portal accounts, sign-in (pages by session, API by bearer token),
 * sign-in throttling, and the audit log that every module writes to.
 * <p>
 * Exposes {@link org.linli.identity.CurrentStaff} (the caller and their community scope),
 * {@link org.linli.identity.Access} (the role sets of {@code @PreAuthorize}),
 * {@link org.linli.identity.AuditLog}, {@link org.linli.identity.StaffDirectory} and
 * {@link org.linli.identity.PortalAccounts}; other modules implement
 * {@link org.linli.identity.CommunityDirectory} so that staff can be assigned to
 * communities.
 */
@ApplicationModule(allowedDependencies = "shared")
package org.linli.identity;

import org.springframework.modulith.ApplicationModule;
