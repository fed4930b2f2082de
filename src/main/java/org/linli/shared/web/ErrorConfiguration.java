package org.linli.shared.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Errors that happen before any controller runs (an unknown path, a method not allowed)
 * answer like the rest of the API: an RFC 9457 problem detail in the user's language.
 * Pages keep Boot's error pages ({@code templates/error/*.html}); neither ever shows a
 * stack trace.
 */
@Configuration(proxyBeanMethods = false)
class ErrorConfiguration {

	@Bean
	BasicErrorController basicErrorController(ErrorAttributes errorAttributes, WebProperties web,
			ObjectProvider<ErrorViewResolver> resolvers, MessageSource messages, LocaleResolver locales) {
		return new ProblemErrorController(errorAttributes, web, resolvers.orderedStream().toList(), messages, locales);
	}

	static final class ProblemErrorController extends BasicErrorController {

		private final MessageSource messages;

		private final LocaleResolver locales;

		ProblemErrorController(ErrorAttributes errorAttributes, WebProperties web, List<ErrorViewResolver> resolvers,
				MessageSource messages, LocaleResolver locales) {
			super(errorAttributes, web.getError(), resolvers);
			this.messages = messages;
			this.locales = locales;
		}

		@Override
		public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
			HttpStatus status = getStatus(request);
			if (status == HttpStatus.NO_CONTENT) {
				return new ResponseEntity<>(status);
			}
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", "about:blank");
			problem.put("title", this.messages.getMessage("error.status." + status.value(), null,
					status.getReasonPhrase(), this.locales.resolveLocale(request)));
			problem.put("status", status.value());
			problem.put("instance", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}

	}

}
