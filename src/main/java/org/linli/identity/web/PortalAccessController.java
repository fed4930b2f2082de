package org.linli.identity.web;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.identity.internal.ResidentAccounts;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resident activates their portal account with their phone, the one-time code staff
 * gave them, and a password of their choice; then they sign in with phone and password
 * (the token endpoint takes the phone as the username).
 */
@RestController
@Tag(name = "Resident: portal account")
class PortalAccessController {

	private final ResidentAccounts accounts;

	PortalAccessController(ResidentAccounts accounts) {
		this.accounts = accounts;
	}

	@PostMapping("/api/v1/portal/activate")
	@Operation(summary = "Activate a resident's portal account with {phone, code, password}")
	Map<String, Object> activate(@RequestBody ActivationRequest request) {
		long residentId = this.accounts.activate(request.phone(), request.code(), request.password());
		return Map.of("residentId", residentId, "activated", true);
	}

	record ActivationRequest(String phone, String code, String password) {
	}

}
