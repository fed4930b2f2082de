package org.linli.residents.internal;

import org.linli.residents.OccupancyRole;

/**
 * How the resident list is searched: text (a name, or an exact phone or ID number), a
 * room code ("1-2-1201"), a role, current or former residents, a community.
 */
public record ResidentFilter(String q, String room, OccupancyRole role, String state, Long communityId) {

}
