/**
 * The estate (房产): communities, their buildings with units (entrances) and rooms with
 * floor areas, and parking spaces.
 * <p>
 * Exposes {@link org.linli.estate.Estate} (rooms, communities and buildings as other
 * modules read them, and the room statuses the residents module sets) with
 * {@link org.linli.estate.RoomRef}; in SQL, the views {@code estate_room} and
 * {@code estate_parking_space} for set-based work (billing runs) — never its tables.
 */
@ApplicationModule(allowedDependencies = { "shared", "identity" })
package org.linli.estate;

import org.springframework.modulith.ApplicationModule;
