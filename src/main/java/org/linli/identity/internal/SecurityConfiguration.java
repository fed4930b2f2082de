package org.linli.identity.internal;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.linli.identity.AuditLog;
import org.linli.identity.ResidentUser;
import org.linli.identity.StaffUser;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.ParserContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.expression.AbstractSecurityExpressionHandler;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Denied by default. The API ({@code /api/**}) is stateless with bearer tokens and
 * answers 401/403 as problem details; the staff console signs in on {@code /login} with a
 * session kept in the database.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	static final String STAFF = "STAFF";

	/**
	 * A request is observed (timed, counted) once, by the server; observing each of the
	 * security filters around it as well cost more than a resident's bill query.
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Pages ask {@code sec:authorize="hasAnyRole(...)"} of every row; the security
	 * dialect has the expression parsed each time, and a fresh expression looks its
	 * methods up again by reflection. Expressions are parsed once here.
	 */
	@Bean
	static BeanPostProcessor expressionsParsedOnce() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (bean instanceof AbstractSecurityExpressionHandler<?> handler) {
					handler.setExpressionParser(new ParsedOnce(handler.getExpressionParser()));
				}
				return bean;
			}
		};
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/** The token endpoint's: staff by username, residents by phone number. */
	@Bean
	AuthenticationManager authenticationManager(StaffUserDetailsService staff, ResidentAccounts residents,
			PasswordEncoder encoder, LoginThrottle throttle, AuditLog audit) {
		return new ProviderManager(new AuditedAuthenticationProvider(
				ResidentUserDetailsService.staffThenResidents(staff, residents), encoder, throttle, audit, residents));
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, MessageSource messages, LocaleResolver locales)
			throws Exception {
		ProblemResponses problems = new ProblemResponses(messages, locales);
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((authorize) -> authorize
				// a streamed download's second dispatch: the request was authorized
				// before
				// its first byte was written
				.dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC)
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/v1/auth/token", "/api/v1/portal/activate",
						"/api/v1/payment-gateway/notifications")
				.permitAll()
				// staff and residents alike: signing out, changing one's own password
				.requestMatchers(HttpMethod.POST, "/api/v1/auth/sign-out")
				.authenticated()
				.requestMatchers(HttpMethod.PUT, "/api/v1/me/password")
				.authenticated()
				.requestMatchers("/api/v1/me", "/api/v1/me/**")
				.hasAuthority(ResidentUser.AUTHORITY)
				// a household registers for an activity; it or the staff cancel
				.requestMatchers(HttpMethod.POST, "/api/v1/activities/*/registrations")
				.hasAuthority(ResidentUser.AUTHORITY)
				.requestMatchers(HttpMethod.DELETE, "/api/v1/registrations/*")
				.hasAnyAuthority(ResidentUser.AUTHORITY, STAFF)
				.requestMatchers("/api/v1/**")
				.hasAuthority(STAFF)
				.anyRequest()
				.denyAll())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.addFilterBefore(new BearerTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class)
			.exceptionHandling((errors) -> errors
				.authenticationEntryPoint((request, response, ex) -> problems.write(request, response,
						HttpStatus.UNAUTHORIZED, "error.unauthorized"))
				.accessDeniedHandler((request, response, ex) -> problems.write(request, response, HttpStatus.FORBIDDEN,
						"error.forbidden")));
		return http.build();
	}

	/**
	 * The residents' portal: its own sign-in page (phone and password), residents only,
	 * and its own place in the session, so that a staff sign-in in the same browser is
	 * not mixed up with it.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain portalChain(HttpSecurity http, ResidentAccounts residents, PasswordEncoder encoder,
			LoginThrottle throttle, AuditLog audit) throws Exception {
		HttpSessionSecurityContextRepository sessionContexts = new HttpSessionSecurityContextRepository();
		sessionContexts.setSpringSecurityContextKey("LINLI_PORTAL_SECURITY_CONTEXT");
		http.securityMatcher("/portal", "/portal/**")
			.authenticationManager(new ProviderManager(new AuditedAuthenticationProvider(
					ResidentUserDetailsService.residentsOnly(residents), encoder, throttle, audit, residents)))
			.securityContext((context) -> context.securityContextRepository(new DelegatingSecurityContextRepository(
					sessionContexts, new RequestAttributeSecurityContextRepository())))
			.authorizeHttpRequests((authorize) -> authorize.dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC)
				.permitAll()
				.requestMatchers("/portal/login", "/portal/activate")
				.permitAll()
				.anyRequest()
				.hasAuthority(ResidentUser.AUTHORITY))
			.formLogin((form) -> form.loginPage("/portal/login")
				.loginProcessingUrl("/portal/login")
				.usernameParameter("phone")
				// the portal keeps its sign-in under its own key, which Spring Session
				// does
				// not index: name the session's owner, so that a password change, a reset
				// or a disabled account ends it like a staff member's
				.successHandler((request, response, authentication) -> {
					request.getSession()
						.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME,
								authentication.getName());
					response.sendRedirect(request.getContextPath() + "/portal");
				})
				.failureHandler((request, response,
						ex) -> response.sendRedirect(request.getContextPath() + ((ex instanceof LoginThrottledException)
								? "/portal/login?throttled" : "/portal/login?error"))))
			.logout((logout) -> logout.logoutUrl("/portal/logout").logoutSuccessUrl("/portal/login?logout"))
			.headers(SecurityConfiguration::pageHeaders)
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfCookie()))
			.requestCache((cache) -> cache.requestCache(noNewSessions()));
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain webChain(HttpSecurity http, StaffUserDetailsService staff, ResidentAccounts residents,
			PasswordEncoder encoder, LoginThrottle throttle, AuditLog audit, ApiTokens tokens,
			@Value("${linli.api-docs.public:false}") boolean publicDocs) throws Exception {
		String[] docs = { "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**" };
		http.authenticationManager(
				new ProviderManager(new AuditedAuthenticationProvider(staff, encoder, throttle, audit, residents)))
			// API clients read the documentation with their token; people with their
			// session
			.addFilterBefore(new BearerTokenFilter(tokens, "/v3/api-docs"), UsernamePasswordAuthenticationFilter.class)
			.authorizeHttpRequests((authorize) -> authorize
				.dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ERROR, jakarta.servlet.DispatcherType.FORWARD,
						jakarta.servlet.DispatcherType.ASYNC)
				.permitAll()
				.requestMatchers("/login", "/error", "/webjars/**", "/css/**", "/js/**", "/favicon.ico",
						"/actuator/health", "/actuator/health/**")
				.permitAll()
				// the metrics scraper holds an ADMIN bearer token; anyone else gets
				// nothing
				.requestMatchers("/actuator/prometheus")
				.hasRole("ADMIN")
				.requestMatchers(docs)
				.access(publicDocs ? (a, c) -> new AuthorizationDecision(true)
						: AuthorityAuthorizationManager.hasAuthority(STAFF))
				.requestMatchers("/d/*", "/d/*/faults")
				.permitAll()
				.requestMatchers("/", "/admin", "/admin/**")
				.hasAuthority(STAFF)
				.anyRequest()
				.denyAll())
			.formLogin(
					(form) -> form.loginPage("/login")
						.defaultSuccessUrl("/admin")
						.failureHandler((request, response, ex) -> response.sendRedirect(request.getContextPath()
								+ ((ex instanceof LoginThrottledException) ? "/login?throttled" : "/login?error"))))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout").addLogoutHandler((request, response, auth) -> {
				if (auth != null && auth.getPrincipal() instanceof StaffUser user) {
					audit.recordFor(user.getAccountId(), user.getUsername(), "LOGOUT", Map.of());
				}
			}))
			.headers(SecurityConfiguration::pageHeaders)
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfCookie()))
			.requestCache((cache) -> cache.requestCache(noNewSessions()));
		return http.build();
	}

	/**
	 * What every HTML page tells the browser: scripts, styles, images and connections
	 * only from the application itself (styles also inline, for Bootstrap's and htmx's),
	 * no framing by others, no camera, microphone, location or payment APIs.
	 */
	static void pageHeaders(HeadersConfigurer<HttpSecurity> headers) {
		headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
			.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
					+ "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
					+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"))
			.addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
					"camera=(), microphone=(), geolocation=(), payment=(), usb=()"));
	}

	/**
	 * The CSRF token lives in a cookie, not in a server session, so that an anonymous
	 * page (the sign-in pages, a device's QR page) creates no session in the database.
	 */
	static CookieCsrfTokenRepository csrfCookie() {
		CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
		repository.setCookieCustomizer((cookie) -> cookie.sameSite("Lax"));
		return repository;
	}

	/**
	 * Remembers the page an anonymous visitor asked for only in an existing session: a
	 * visit alone creates none.
	 */
	static HttpSessionRequestCache noNewSessions() {
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		cache.setCreateSessionAllowed(false);
		return cache;
	}

	/**
	 * Reads {@code Authorization: Bearer <token>}; an unknown or expired token leaves the
	 * request anonymous.
	 */
	static final class BearerTokenFilter extends OncePerRequestFilter {

		private final ApiTokens tokens;

		private final String onlyUnder;

		BearerTokenFilter(ApiTokens tokens) {
			this(tokens, null);
		}

		/** Reading tokens only for paths under a prefix (null for every path). */
		BearerTokenFilter(ApiTokens tokens, String onlyUnder) {
			this.tokens = tokens;
			this.onlyUnder = onlyUnder;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String header = request.getHeader("Authorization");
			boolean applies = this.onlyUnder == null || request.getRequestURI().startsWith(this.onlyUnder)
					|| request.getRequestURI().startsWith("/actuator/prometheus");
			if (applies && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
				this.tokens.authenticate(header.substring(7).trim()).ifPresent((user) -> {
					Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(user, null,
							user.getAuthorities());
					SecurityContext context = SecurityContextHolder.createEmptyContext();
					context.setAuthentication(authentication);
					SecurityContextHolder.setContext(context);
				});
			}
			chain.doFilter(request, response);
		}

	}

	/** An expression parser that keeps what it parsed (at most a thousand texts). */
	static final class ParsedOnce implements ExpressionParser {

		private final ExpressionParser parser;

		private final Map<String, Expression> parsed = new ConcurrentHashMap<>();

		ParsedOnce(ExpressionParser parser) {
			this.parser = parser;
		}

		@Override
		public Expression parseExpression(String text) {
			Expression expression = this.parsed.get(text);
			if (expression == null) {
				expression = this.parser.parseExpression(text);
				if (this.parsed.size() < 1000) {
					this.parsed.put(text, expression);
				}
			}
			return expression;
		}

		@Override
		public Expression parseExpression(String text, ParserContext context) {
			return (context == null) ? parseExpression(text) : this.parser.parseExpression(text, context);
		}

	}

	/** Problem details written by the security filters, before any controller runs. */
	record ProblemResponses(MessageSource messages, LocaleResolver locales) {

		void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String key)
				throws IOException {
			String title = this.messages.getMessage(key, null, status.getReasonPhrase(),
					this.locales.resolveLocale(request));
			response.setStatus(status.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			if (status == HttpStatus.UNAUTHORIZED) {
				response.setHeader("WWW-Authenticate", "Bearer");
			}
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"" + escape(title) + "\",\"status\":" + status.value()
						+ ",\"instance\":\"" + escape(request.getRequestURI()) + "\"}");
		}

		private static String escape(String text) {
			return text.replace("\\", "\\\\").replace("\"", "\\\"");
		}

	}

}
