/**
 * Accounts and access: staff accounts with their roles and the communities they work in,
 * sign-in (pages by session, API by bearer token), sign-in throttling, and the audit log
 * that every module writes to.
 * <p>
 * Other modules use {@link org.linli.identity.CurrentStaff} for the caller's community
 * scope, {@link org.linli.identity.AuditLog} to record writes, and implement
 * {@link org.linli.identity.CommunityDirectory} so that staff can be assigned to
 * communities.
 */
package org.linli.identity;
