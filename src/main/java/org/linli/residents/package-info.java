/**
 * Residents (住户): the people of the communities, their rooms as owner, family member or
 * tenant with the whole move-in, move-out and room-change history, their personal data
 * encrypted and masked, and their own portal. A room's status follows its occupancies
 * through {@link org.linli.estate.Estate}.
 * <p>
 * Exposes {@link org.linli.residents.Residents}: who lives in a room, the owners who pay
 * its bills, the rooms a resident lives in, names.
 */
@ApplicationModule(allowedDependencies = { "shared", "identity", "estate", "notifications" })
package org.linli.residents;

import org.springframework.modulith.ApplicationModule;
