package org.linli.community.web;

import java.io.IOException;

import org.linli.community.internal.AnnouncementView;
import org.linli.community.internal.Announcements;
import org.linli.shared.InvalidInputException;
import org.linli.shared.PageQuery;
import org.linli.shared.web.Flash;
import org.linli.shared.web.FormErrors;
import org.linli.shared.web.FormValues;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Announcements in the staff console: a community's list with read households, the
 * publishing form, and an announcement's page (attachments, withdrawal).
 */
@Controller
class AnnouncementPageController {

	private final Announcements announcements;

	private final CommunityPages pages;

	AnnouncementPageController(Announcements announcements, CommunityPages pages) {
		this.announcements = announcements;
		this.pages = pages;
	}

	@GetMapping("/admin/announcements")
	String entry(@RequestParam(required = false) Long communityId) {
		return "redirect:/admin/communities/" + this.pages.chosen(communityId) + "/announcements";
	}

	@GetMapping("/admin/communities/{id}/announcements")
	String list(@PathVariable long id, @RequestParam(required = false) String state,
			@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("page", this.announcements.list(id,
				FormValues.filterChoice(AnnouncementView.State.class, state), new PageQuery(page, 20, null, null)));
		model.addAttribute("states", AnnouncementView.State.values());
		return community(id, model, "community/announcements");
	}

	@GetMapping("/admin/communities/{id}/announcements/new")
	String newForm(@PathVariable long id, Model model) {
		model.addAttribute("form", AnnouncementForm.blank());
		return community(id, model, "community/announcement-form");
	}

	@PostMapping("/admin/communities/{id}/announcements")
	String publish(@PathVariable long id, @ModelAttribute("form") AnnouncementForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return community(id, model, "community/announcement-form");
		}
		try {
			AnnouncementView created = this.announcements.publish(id, form.draft());
			Flash.success(redirect, "community.announcement.published");
			return "redirect:/admin/announcements/" + created.id();
		}
		catch (InvalidInputException ex) {
			FormErrors.apply(ex, result);
			return community(id, model, "community/announcement-form");
		}
	}

	@GetMapping("/admin/announcements/{id}")
	String item(@PathVariable long id, Model model) {
		AnnouncementView announcement = this.announcements.find(id);
		model.addAttribute("a", announcement);
		return community(announcement.communityId(), model, "community/announcement");
	}

	@PostMapping("/admin/announcements/{id}/withdraw")
	String withdraw(@PathVariable long id, RedirectAttributes redirect) {
		try {
			this.announcements.withdraw(id);
			Flash.success(redirect, "community.announcement.withdrawnNow");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/announcements/" + id;
	}

	@PostMapping("/admin/announcements/{id}/attachments")
	String attach(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file,
			RedirectAttributes redirect) throws IOException {
		try {
			this.announcements.attach(id, (file != null) ? file.getOriginalFilename() : null,
					(file != null) ? file.getBytes() : null);
			Flash.success(redirect, "common.saved");
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/announcements/" + id;
	}

	@GetMapping("/admin/announcements/{id}/attachments/{attachmentId}")
	ResponseEntity<StreamingResponseBody> attachment(@PathVariable long id, @PathVariable long attachmentId) {
		return Files.serve(this.announcements.attachment(id, attachmentId));
	}

	private String community(long id, Model model, String view) {
		return this.pages.show(id, model, view);
	}

}
