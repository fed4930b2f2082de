/**
 * Residents (住户): the people of the communities, their rooms as owner, family member or
 * tenant with the whole move-in, move-out and room-change history, their personal data
 * encrypted and masked, and their own portal. A room's status follows its occupancies
 * through {@link org.linli.estate.Estate}.
 */
package org.linli.residents;
