package org.linli.billing.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.billing.bills.Bills;
import org.linli.identity.ResidentUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resident's own bills: every line of the rooms they live in today, read-only.
 */
@RestController
@Tag(name = "Resident: me")
class MyBillsApiController {

	private final Bills bills;

	MyBillsApiController(Bills bills) {
		this.bills = bills;
	}

	@GetMapping("/api/v1/me/bills")
	@Operation(summary = "The bill lines of the rooms the signed-in resident lives in")
	List<Bills.BillLine> myBills(@AuthenticationPrincipal ResidentUser user) {
		return this.bills.ofResident(user.getResidentId());
	}

}
