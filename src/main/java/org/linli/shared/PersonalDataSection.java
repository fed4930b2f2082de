package org.linli.shared;

/**
 * One module's share of a resident's personal data (PIPL Art. 45, the right to a copy):
 * what it holds about them, as they may see it in the portal. The residents module
 * gathers every section into the download; a module that stores something about a
 * resident adds its section.
 */
public interface PersonalDataSection {

	/** The section's name in the download ({@code profile}, {@code bills}, …). */
	String name();

	/** What the module holds about the resident, ready to be written as JSON. */
	Object of(long residentId);

}
