package org.linli.identity;

/**
 * Rights granted per account on top of its roles.
 */
public enum Permission {

	/** See residents' phone and ID numbers unmasked. */
	PERSONAL_DATA_VIEW

}
