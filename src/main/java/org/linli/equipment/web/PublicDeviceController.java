package org.linli.equipment.web;

import org.linli.equipment.internal.EquipmentService;
import org.linli.shared.InvalidInputException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page behind a device's QR label: anyone who scans it sees the device's name and
 * location and can report a fault without signing in. The address carries an unguessable
 * token, not the device's id.
 */
@Controller
class PublicDeviceController {

	private final EquipmentService equipment;

	PublicDeviceController(EquipmentService equipment) {
		this.equipment = equipment;
	}

	/**
	 * The device's page; with {@code code} (a follow-up code given after a report), the
	 * state of that report's repair.
	 */
	@GetMapping("/d/{token}")
	String device(@PathVariable String token, @RequestParam(required = false) String reported,
			@RequestParam(required = false) String code, Model model,
			jakarta.servlet.http.HttpServletResponse response) {
		model.addAttribute("device", this.equipment.publicDevice(token));
		model.addAttribute("reported", reported != null);
		if (code != null) {
			model.addAttribute("code", code);
			try {
				model.addAttribute("progress", this.equipment.followUp(token, code).orElse(null));
				model.addAttribute("looked", true);
			}
			catch (InvalidInputException ex) {
				model.addAttribute("problems", ex.problems());
				response.setStatus(ex.status());
			}
		}
		return "equipment/public-device";
	}

	@PostMapping("/d/{token}/faults")
	String report(@PathVariable String token, @RequestParam(required = false) String description,
			@RequestParam(required = false) String reporterName, Model model,
			jakarta.servlet.http.HttpServletResponse response) {
		try {
			EquipmentService.ReportedFault fault = this.equipment.reportFault(token, description, reporterName);
			return "redirect:/d/" + token + "?reported&code=" + fault.followUpCode();
		}
		catch (InvalidInputException ex) {
			model.addAttribute("device", this.equipment.publicDevice(token));
			model.addAttribute("problems", ex.problems());
			model.addAttribute("description", description);
			model.addAttribute("reporterName", reporterName);
			model.addAttribute("reported", false);
			response.setStatus(ex.status());
			return "equipment/public-device";
		}
	}

}
