package org.linli;

/** Test access to the application's start-up settings. */
public final class LinliApplicationAccess {

	private LinliApplicationAccess() {
	}

	public static void logFormat(String format) {
		LinliApplication.logFormat(format);
	}

}
