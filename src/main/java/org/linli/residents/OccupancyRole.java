package org.linli.residents;

/** How a person lives in a room: 业主, 家属 or 租户. */
public enum OccupancyRole {

	OWNER, FAMILY, TENANT

}
