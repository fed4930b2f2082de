package org.linli.identity;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log reads as sentences in the reader's language — what was done, to what,
 * what changed from what to what — and filters by choosing, not by typing codes.
 */
class AuditPageIntegrationTests extends IntegrationTest {

	@Test
	void theAuditLogReadsAsSentences() {
		String name = unique("审计小区");
		long community = this.api
			.post("/api/v1/communities", admin(),
					Map.of("name", name, "address", "审计路 1 号", "contactPhone", "021-62345678"))
			.id();
		this.api.put("/api/v1/communities/" + community, admin(),
				Map.of("name", name, "address", "审计路 2 号", "contactPhone", "021-62345679"));
		WebSession browser = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		String page = browser.get("/admin/audit?targetType=community&targetId=" + community).body();
		assertThat(page).contains("修改小区")
			.contains("新建小区")
			.contains("小区 #" + community)
			.contains("地址：审计路 1 号 → 审计路 2 号")
			.doesNotContain(">COMMUNITY_UPDATED<")
			.doesNotContain("{&quot;");
		assertThat(page).contains("<option value=\"COMMUNITY_UPDATED\"").contains(">修改小区</option>");
		browser.get("/admin?lang=en");
		assertThat(browser.get("/admin/audit?targetType=community&targetId=" + community).body())
			.contains("Changed a community")
			.contains("Address: 审计路 1 号 → 审计路 2 号");
	}

}
