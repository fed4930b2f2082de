package org.linli.identity.web;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.linli.identity.internal.ApiTokens;
import org.linli.identity.internal.LoginThrottle;
import org.linli.identity.internal.LoginThrottledException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class AuthApiController {

	private final AuthenticationManager authenticationManager;

	private final ApiTokens tokens;

	private final LoginThrottle throttle;

	private final MessageSource messages;

	AuthApiController(AuthenticationManager authenticationManager, ApiTokens tokens, LoginThrottle throttle,
			MessageSource messages) {
		this.authenticationManager = authenticationManager;
		this.tokens = tokens;
		this.throttle = throttle;
		this.messages = messages;
	}

	@PostMapping("/token")
	@Operation(summary = "Exchange a username and password for a bearer token")
	ResponseEntity<?> token(@Valid @RequestBody TokenRequest request) {
		try {
			Authentication authentication = this.authenticationManager.authenticate(
					UsernamePasswordAuthenticationToken.unauthenticated(request.username(), request.password()));
			ApiTokens.IssuedToken token = this.tokens.issue((User) authentication.getPrincipal());
			return ResponseEntity.ok(new TokenResponse(token.token(), token.expiresAt()));
		}
		catch (LoginThrottledException ex) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header("Retry-After", String.valueOf(this.throttle.window().toSeconds()))
				.body(problem(HttpStatus.TOO_MANY_REQUESTS, "identity.login.throttled"));
		}
		catch (AuthenticationException ex) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header("WWW-Authenticate", "Bearer")
				.body(problem(HttpStatus.UNAUTHORIZED, "identity.login.failed"));
		}
	}

	/** Revokes the token the request presents: it works nowhere any more. */
	@PostMapping("/sign-out")
	@Operation(summary = "Revoke the bearer token of this request")
	ResponseEntity<Void> signOut(@RequestHeader("Authorization") String authorization) {
		this.tokens.revoke(authorization.substring("Bearer ".length()).trim());
		return ResponseEntity.noContent().build();
	}

	private ProblemDetail problem(HttpStatus status, String key) {
		ProblemDetail detail = ProblemDetail.forStatus(status);
		detail.setTitle(this.messages.getMessage(key, null, LocaleContextHolder.getLocale()));
		return detail;
	}

	record TokenRequest(@NotBlank(message = "{validation.required}") @Size(max = 64) String username,
			@NotBlank(message = "{validation.required}") @Size(max = 128) String password) {
	}

	record TokenResponse(String token, Instant expiresAt) {
	}

}
