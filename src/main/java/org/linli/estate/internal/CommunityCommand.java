package org.linli.estate.internal;

/**
 * What staff ask for when creating or changing a community; text already trimmed (blank
 * is null).
 */
public record CommunityCommand(String name, String address, String companyName, String contactName, String contactPhone,
		String bankAccount) {

	public CommunityCommand(String name, String address, String companyName, String contactName, String contactPhone) {
		this(name, address, companyName, contactName, contactPhone, null);
	}

	public CommunityCommand {
		bankAccount = trim(bankAccount);
		name = trim(name);
		address = trim(address);
		companyName = trim(companyName);
		contactName = trim(contactName);
		contactPhone = trim(contactPhone);
	}

	static String trim(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
