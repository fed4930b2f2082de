package org.linli.shared.web;

import org.linli.shared.InvalidInputException;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What a page says after a redirect: a success (or one with a warning), or the first
 * problem of a refused action, shown by the layout ({@code fragments/layout}) as message
 * keys with their arguments.
 */
public final class Flash {

	private Flash() {
	}

	public static void success(RedirectAttributes redirect, String messageKey, Object... args) {
		redirect.addFlashAttribute("success", messageKey);
		if (args.length > 0) {
			redirect.addFlashAttribute("successArgs", args);
		}
	}

	/** Done, with something the user should act on (shown in amber). */
	public static void warning(RedirectAttributes redirect, String messageKey, Object... args) {
		redirect.addFlashAttribute("warning", messageKey);
		if (args.length > 0) {
			redirect.addFlashAttribute("warningArgs", args);
		}
	}

	public static void error(RedirectAttributes redirect, String messageKey, Object... args) {
		redirect.addFlashAttribute("error", messageKey);
		if (args.length > 0) {
			redirect.addFlashAttribute("errorArgs", storable(args));
		}
	}

	/**
	 * Arguments as the session can keep them until the next page: anything that is not
	 * serializable as its text.
	 */
	private static Object[] storable(Object[] args) {
		Object[] kept = new Object[args.length];
		for (int i = 0; i < args.length; i++) {
			kept[i] = (args[i] == null || args[i] instanceof java.io.Serializable) ? args[i] : args[i].toString();
		}
		return kept;
	}

	/**
	 * Every problem of a refused action, each named by its field where the field has a
	 * label ({@code field.<name>}); the first also as the page's single message for pages
	 * that show one.
	 */
	public static void error(RedirectAttributes redirect, InvalidInputException ex) {
		InvalidInputException.FieldProblem first = ex.problems().get(0);
		error(redirect, first.messageKey(), first.args());
		redirect.addFlashAttribute("errorProblems",
				ex.problems()
					.stream()
					.map((p) -> new InvalidInputException.FieldProblem(p.field(), p.messageKey(), storable(p.args())))
					.toList());
	}

}
