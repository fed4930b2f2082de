package org.linli.residents.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.identity.ResidentUser;
import org.linli.residents.internal.ResidentPortal;
import org.linli.residents.internal.ResidentView;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a signed-in resident may read: their own profile and the rooms they live in today,
 * with who lives there with them. Another room's id answers 404.
 */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Resident: me")
class MeApiController {

	private final ResidentPortal portal;

	MeApiController(ResidentPortal portal) {
		this.portal = portal;
	}

	@GetMapping
	@Operation(summary = "The signed-in resident's own profile")
	ResidentView me(@AuthenticationPrincipal ResidentUser user) {
		return this.portal.profile(user.getResidentId());
	}

	@GetMapping("/rooms")
	@Operation(summary = "The rooms the resident lives in today, with their household")
	List<ResidentPortal.MyRoom> rooms(@AuthenticationPrincipal ResidentUser user) {
		return this.portal.rooms(user.getResidentId());
	}

	@GetMapping("/rooms/{id}")
	ResidentPortal.MyRoom room(@AuthenticationPrincipal ResidentUser user, @PathVariable long id) {
		return this.portal.room(user.getResidentId(), id);
	}

}
