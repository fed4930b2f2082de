package org.linli.operations.web;

import org.linli.identity.Access;
import org.linli.operations.internal.Backups;
import org.linli.operations.internal.KeyRotation;
import org.linli.shared.InvalidInputException;
import org.linli.shared.web.Flash;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/admin/backups")
@PreAuthorize(Access.ADMIN)
class BackupPageController {

	private final Backups backups;

	private final KeyRotation rotation;

	private final String cron;

	BackupPageController(Backups backups, KeyRotation rotation,
			@Value("${linli.backup.cron:0 30 2 * * *}") String cron) {
		this.backups = backups;
		this.rotation = rotation;
		this.cron = cron;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("available", this.backups.available());
		model.addAttribute("backups", this.backups.list());
		model.addAttribute("folder", this.backups.folder().toString());
		model.addAttribute("keepDays", this.backups.keepDays());
		model.addAttribute("cron", this.cron);
		model.addAttribute("rotation", this.rotation.progress());
		return "operations/backups";
	}

	@PostMapping
	String create(RedirectAttributes redirect) {
		try {
			Backups.BackupFile made = this.backups.create();
			Flash.success(redirect, "operations.backup.made", made.fileName());
		}
		catch (InvalidInputException ex) {
			Flash.error(redirect, ex);
		}
		return "redirect:/admin/backups";
	}

}
