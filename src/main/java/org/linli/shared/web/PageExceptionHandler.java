package org.linli.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Page errors: a missing (or hidden) record is a 404 page, a malformed id a 400 page;
 * never a stack trace. Everything else falls through to the error page of
 * {@code templates/error.html}.
 */
@ControllerAdvice(annotations = Controller.class)
class PageExceptionHandler {

	@ExceptionHandler(NotFoundException.class)
	String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("path", request.getRequestURI());
		response.setStatus(404);
		model.addAttribute("status", 404);
		return "error/404";
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	String badRequest(HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("path", request.getRequestURI());
		response.setStatus(400);
		model.addAttribute("status", 400);
		return "error";
	}

	/**
	 * Input a page's handler did not take back to its form (a filter out of range in a
	 * link, an export): a 400 page naming the first problem.
	 */
	@ExceptionHandler(InvalidInputException.class)
	String invalid(InvalidInputException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("path", request.getRequestURI());
		response.setStatus(400);
		model.addAttribute("status", 400);
		InvalidInputException.FieldProblem first = ex.problems().get(0);
		model.addAttribute("error", first.messageKey());
		model.addAttribute("errorArgs", first.args());
		return "error";
	}

}
