package org.linli.shared.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.linli.shared.InvalidInputException;
import org.linli.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the REST API as an RFC 9457 problem detail in the user's language;
 * validation errors list each field with its message. No stack trace or internal message
 * ever reaches the client.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final MessageSource messages;

	ApiExceptionHandler(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<Object> notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, msg("error.notFound"), null);
	}

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<Object> invalid(InvalidInputException ex) {
		List<Map<String, Object>> errors = new ArrayList<>();
		for (InvalidInputException.FieldProblem p : ex.problems()) {
			errors.add(fieldError(p.field(), msg(p.messageKey(), p.args())));
		}
		HttpStatus status = HttpStatus.valueOf(ex.status());
		String title = switch (status) {
			case CONFLICT -> msg("error.conflict");
			case TOO_MANY_REQUESTS -> msg("error.status.429");
			default -> msg("error.validation");
		};
		return problem(status, title, errors);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> denied(AccessDeniedException ex) {
		return problem(HttpStatus.FORBIDDEN, msg("error.forbidden"), null);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<Object> concurrentChange(OptimisticLockingFailureException ex) {
		return problem(HttpStatus.CONFLICT, msg("error.concurrentChange"), null);
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<Object> integrity(DataIntegrityViolationException ex) {
		log.info("Refused a write that broke a database constraint: {}",
				ex.getMostSpecificCause().getClass().getName());
		return problem(HttpStatus.CONFLICT, msg("error.conflict"), null);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return problem(HttpStatus.BAD_REQUEST, msg("error.validation"),
				List.of(fieldError(ex.getName(), msg("validation.invalidValue"))));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) {
		log.error("Unexpected error in an API call", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, msg("error.internal"), null);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, Object>> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(fieldError(error.getField(), this.messages.getMessage(error, locale())));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors
				.add(fieldError(error.getObjectName(), this.messages.getMessage(error, locale()))));
		return problem(HttpStatus.BAD_REQUEST, msg("error.validation"), errors);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, Object>> errors = new ArrayList<>();
		ex.getParameterValidationResults()
			.forEach((result) -> result.getResolvableErrors()
				.forEach((error) -> errors.add(fieldError(result.getMethodParameter().getParameterName(),
						this.messages.getMessage(error, locale())))));
		return problem(HttpStatus.BAD_REQUEST, msg("error.validation"), errors);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (RequestBodyLimits.causedByLimit(ex)) {
			return problem(HttpStatus.CONTENT_TOO_LARGE, msg("error.status.413", "Payload Too Large"), null);
		}
		// Well-formed JSON with a value of the wrong type (an unknown enum, text for a
		// number): name the field.
		if (ex.getCause() instanceof JacksonException jackson && !(jackson instanceof StreamReadException)) {
			String field = jackson.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
				.orElse("");
			String topField = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
			if (!topField.isEmpty()) {
				String message = msg("validation.invalidValue");
				if (jackson instanceof InvalidFormatException format && format.getTargetType() != null
						&& format.getTargetType().isEnum()) {
					// an unknown choice: say which value was refused and which are
					// accepted
					message = msg("validation.oneOf", String.valueOf(format.getValue()),
							Arrays.stream(format.getTargetType().getEnumConstants())
								.map(String::valueOf)
								.collect(Collectors.joining(", ")));
				}
				return problem(HttpStatus.BAD_REQUEST, msg("error.validation"), List.of(fieldError(topField, message)));
			}
		}
		return problem(HttpStatus.BAD_REQUEST, msg("error.malformedBody"), null);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body == null && ex instanceof org.springframework.web.ErrorResponse response) {
			body = response.getBody();
		}
		if (body instanceof ProblemDetail detail) {
			// Spring's own problems (405, 415, missing parameter...): keep the status,
			// say it in the user's language
			detail.setTitle(msg("error.status." + statusCode.value(),
					HttpStatus.valueOf(statusCode.value()).getReasonPhrase()));
			detail.setDetail(null);
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	private ResponseEntity<Object> problem(HttpStatus status, String title, List<Map<String, Object>> errors) {
		ProblemDetail detail = ProblemDetail.forStatus(status);
		detail.setType(URI.create("about:blank"));
		detail.setTitle(title);
		if (errors != null) {
			detail.setDetail(errors.stream()
				.map((e) -> e.get("field") + ": " + e.get("message"))
				.reduce((a, b) -> a + "; " + b)
				.orElse(title));
			detail.setProperty("errors", errors);
		}
		return ResponseEntity.status(status)
			.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
			.body(detail);
	}

	private static Map<String, Object> fieldError(String field, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("message", message);
		return error;
	}

	private String msg(String key, Object... args) {
		return this.messages.getMessage(key, args, key, locale());
	}

	private String msg(String key, String fallback) {
		return this.messages.getMessage(key, null, fallback, locale());
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}

}
