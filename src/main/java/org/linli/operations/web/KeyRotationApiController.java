package org.linli.operations.web;

import org.linli.identity.Access;
import org.linli.operations.internal.KeyRotation;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a rotation of the personal-data key stands, for the administrator:
 * {@code {"currentKey","oldKeysConfigured","total","remaining"}}; the old keys may be
 * removed once {@code remaining} is 0.
 */
@RestController
@PreAuthorize(Access.ADMIN)
class KeyRotationApiController {

	private final KeyRotation rotation;

	KeyRotationApiController(KeyRotation rotation) {
		this.rotation = rotation;
	}

	@GetMapping("/api/v1/key-rotation")
	KeyRotation.Progress progress() {
		return this.rotation.progress();
	}

}
