package org.linli.identity.internal;

import org.linli.shared.jobs.BackgroundJobs;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The identity module's background jobs. */
@Component
class IdentityJobs {

	private final BackgroundJobs jobs;

	private final ApiTokens tokens;

	IdentityJobs(BackgroundJobs jobs, ApiTokens tokens) {
		this.jobs = jobs;
		this.tokens = tokens;
	}

	/** Expired API tokens are deleted hourly. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void purgeExpiredTokens() {
		this.jobs.onOneNode("identity/purge-expired-tokens", this.tokens::purgeExpired);
	}

}
