package org.linli.shared.web;

import java.math.BigDecimal;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Locale (Simplified Chinese by default, English with {@code ?lang=en}, remembered in a
 * cookie), validation messages from the message files, money and quantities as strings in
 * JSON, handlers chosen by the path's literal start first.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	static final String LOCALE_COOKIE = "linli-lang";

	@Bean
	LocaleResolver localeResolver() {
		return new SupportedLocaleResolver();
	}

	/**
	 * Handlers chosen as Spring MVC chooses them, most mappings ruled out by the path's
	 * start.
	 */
	@Bean
	WebMvcRegistrations literalPrefixHandlerMapping() {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new LiteralPrefixHandlerMapping();
			}
		};
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
	}

	@Bean
	LocalValidatorFactoryBean defaultValidator(MessageSource messageSource) {
		LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
		validator.setValidationMessageSource(messageSource);
		return validator;
	}

	@Bean
	JsonMapperBuilderCustomizer decimalsAsStrings() {
		return (builder) -> builder.withConfigOverride(BigDecimal.class,
				(override) -> override.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)));
	}

	/**
	 * Only zh-CN and English exist. Pages default to Chinese whatever the browser says;
	 * API clients that send no choice may ask for English with Accept-Language.
	 */
	static final class SupportedLocaleResolver extends CookieLocaleResolver {

		SupportedLocaleResolver() {
			super(LOCALE_COOKIE);
			setCookieMaxAge(java.time.Duration.ofDays(365));
			setDefaultLocaleFunction(SupportedLocaleResolver::defaultFor);
		}

		private static Locale defaultFor(HttpServletRequest request) {
			String accept = request.getHeader("Accept-Language");
			if (request.getRequestURI().startsWith("/api/") && accept != null
					&& accept.toLowerCase(Locale.ROOT).startsWith("en")) {
				return Locale.ENGLISH;
			}
			return Locale.SIMPLIFIED_CHINESE;
		}

		@Override
		public Locale resolveLocale(HttpServletRequest request) {
			return supported(super.resolveLocale(request));
		}

		@Override
		public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
			super.setLocale(request, response, (locale != null) ? supported(locale) : null);
		}

		static Locale supported(Locale locale) {
			return "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
		}

	}

}
