package org.linli.equipment.web;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.linli.equipment.internal.EquipmentService;
import org.linli.equipment.internal.Inspections;
import org.linli.equipment.internal.Schedules;
import org.linli.identity.StaffDirectory;
import org.linli.shared.InvalidInputException;
import org.linli.shared.web.Flash;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Inspections in the staff console: a community's routes and rounds, a new route, and an
 * inspector's rounds worked through on a phone.
 */
@Controller
class InspectionPageController {

	private final EquipmentService equipment;

	private final Inspections inspections;

	private final StaffDirectory staff;

	private final Clock clock;

	InspectionPageController(EquipmentService equipment, Inspections inspections, StaffDirectory staff, Clock clock) {
		this.equipment = equipment;
		this.inspections = inspections;
		this.staff = staff;
		this.clock = clock;
	}

	@GetMapping("/admin/communities/{id}/inspection-rounds")
	String rounds(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
		LocalDate today = LocalDate.now(this.clock);
		LocalDate start = (from != null) ? from : today.minusDays(7);
		LocalDate end = (to != null) ? to : today;
		try {
			model.addAttribute("rounds", this.inspections.ofCommunity(id, start, end));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex.problems().get(0).messageKey());
			model.addAttribute("errorArgs", ex.problems().get(0).args());
			start = today.minusDays(7);
			end = today;
			model.addAttribute("rounds", this.inspections.ofCommunity(id, start, end));
		}
		model.addAttribute("plans", this.inspections.plans(id));
		model.addAttribute("staff", this.staff.inCommunity(id));
		model.addAttribute("frequencies", Schedules.Frequency.values());
		model.addAttribute("communityId", id);
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		return "equipment/rounds";
	}

	/**
	 * A new inspection route from the page: one checkpoint per line, "place or device
	 * code | item, item".
	 */
	@PostMapping("/admin/communities/{id}/inspection-plans")
	String createRoute(@PathVariable long id, @RequestParam(required = false) String name,
			@RequestParam(required = false) Schedules.Frequency frequency,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) LocalTime windowStart,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) LocalTime windowEnd,
			@RequestParam(required = false) Long assigneeId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startDate,
			@RequestParam(required = false) String checkpoints, RedirectAttributes redirect) {
		List<EquipmentService.EquipmentView> devices = this.equipment.all(id);
		List<Inspections.CheckpointCommand> points = new ArrayList<>();
		int lineNumber = 0;
		for (String line : (checkpoints != null) ? checkpoints.split("\\R") : new String[0]) {
			lineNumber++;
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.split("[|｜]", 2);
			String place = parts[0].trim();
			List<String> items = (parts.length > 1)
					? Arrays.stream(parts[1].split("[,，、]")).map(String::trim).filter((s) -> !s.isEmpty()).toList()
					: List.of();
			Long device = devices.stream()
				.filter((d) -> d.code().equalsIgnoreCase(place))
				.map(EquipmentService.EquipmentView::id)
				.findFirst()
				.orElse(null);
			if (device == null && DEVICE_CODE.matcher(place).matches()) {
				// meant a device, by a code no device has: say so, rather than make it a
				// place
				String suggestion = closest(place, devices);
				Flash.error(redirect, (suggestion != null) ? "equipment.inspection.unknownDeviceLike"
						: "equipment.inspection.unknownDevice", String.valueOf(lineNumber), place, suggestion);
				return "redirect:/admin/communities/" + id + "/inspection-rounds";
			}
			points.add(new Inspections.CheckpointCommand((device != null) ? null : place, device, items));
		}
		try {
			this.inspections.create(id, new Inspections.PlanCommand(name, frequency, windowStart, windowEnd, assigneeId,
					startDate, points));
			Flash.success(redirect, "common.saved");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/communities/" + id + "/inspection-rounds";
	}

	/** What reads as a device code (XF-1-01, DT-2-01), not as a place (1栋消防通道). */
	private static final java.util.regex.Pattern DEVICE_CODE = java.util.regex.Pattern
		.compile("[A-Za-z]{1,6}-[A-Za-z0-9]+(-[A-Za-z0-9]+)*");

	/**
	 * The device code nearest to what was typed (fewest edits), or null when none is
	 * near.
	 */
	static String closest(String typed, List<EquipmentService.EquipmentView> devices) {
		String best = null;
		int bestDistance = 3;
		for (EquipmentService.EquipmentView device : devices) {
			int distance = distance(typed.toUpperCase(java.util.Locale.ROOT),
					device.code().toUpperCase(java.util.Locale.ROOT));
			if (distance < bestDistance) {
				bestDistance = distance;
				best = device.code();
			}
		}
		return best;
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/** An inspector's rounds, on the phone. */
	@GetMapping("/admin/rounds")
	String myRounds(Model model) {
		model.addAttribute("rounds", this.inspections.mine());
		return "equipment/my-rounds";
	}

	@GetMapping("/admin/rounds/{id}")
	String round(@PathVariable long id, Model model) {
		model.addAttribute("round", this.inspections.get(id));
		return "equipment/round";
	}

	@PostMapping("/admin/rounds/{id}/checkpoints/{cid}")
	String record(@PathVariable long id, @PathVariable long cid, @RequestParam(required = false) Boolean normal,
			@RequestParam(required = false) String note,
			@RequestParam(name = "photo", required = false) MultipartFile photo, RedirectAttributes redirect)
			throws IOException {
		try {
			this.inspections.record(id, cid, normal, note);
			if (photo != null && !photo.isEmpty()) {
				this.inspections.addPhoto(id, cid, photo.getBytes());
			}
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/rounds/" + id;
	}

}
