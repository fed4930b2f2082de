package org.linli.shared;

/**
 * Thrown when a resource does not exist or the caller may not know that it exists. Always
 * answered with 404.
 */
public class NotFoundException extends RuntimeException {

	private final String resource;

	public NotFoundException(String resource, Object id) {
		super(resource + " " + id + " not found");
		this.resource = resource;
	}

	public String resource() {
		return this.resource;
	}

}
