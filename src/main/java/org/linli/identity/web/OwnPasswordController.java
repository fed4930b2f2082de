package org.linli.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.identity.ResidentUser;
import org.linli.identity.StaffUser;
import org.linli.identity.internal.ResidentAccounts;
import org.linli.identity.internal.StaffAccounts;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.User;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anyone signed in changes their own password through the API, giving the current one;
 * every session and token of the account ends, the one used here included.
 */
@RestController
@Tag(name = "Authentication")
class OwnPasswordController {

	private final StaffAccounts staff;

	private final ResidentAccounts residents;

	OwnPasswordController(StaffAccounts staff, ResidentAccounts residents) {
		this.staff = staff;
		this.residents = residents;
	}

	record PasswordChange(String currentPassword, String newPassword) {
	}

	@PutMapping("/api/v1/me/password")
	@Operation(summary = "Change one's own password: {\"currentPassword\",\"newPassword\"}; every token and "
			+ "session of the account ends, this one's too")
	ResponseEntity<Void> change(@AuthenticationPrincipal User user, @RequestBody PasswordChange change) {
		if (user instanceof StaffUser staffUser) {
			this.staff.changeOwnPassword(staffUser.getAccountId(), change.currentPassword(), change.newPassword());
		}
		else if (user instanceof ResidentUser resident) {
			this.residents.changePassword(resident.getAccountId(), change.currentPassword(), change.newPassword());
		}
		return ResponseEntity.noContent().build();
	}

}
