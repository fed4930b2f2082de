package org.linli.identity;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.linli.support.IntegrationTest;
import org.linli.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff menu ({@code StaffMenu}, worked out once per page) shows each member the
 * entries their roles call for, in their language, whoever viewed a page before them.
 */
class StaffMenuIntegrationTests extends IntegrationTest {

	@Test
	void eachMemberSeesTheEntriesOfTheirRolesInTheirLanguage() {
		long community = createCommunity();
		WebSession admin = WebSession.signIn(this.api.base(), "admin", ADMIN_PASSWORD);
		WebSession technician = WebSession.signIn(this.api.base(),
				createStaff(List.of("TECHNICIAN"), List.of(community)), "password-123");
		WebSession finance = WebSession.signIn(this.api.base(), createStaff(List.of("FINANCE"), List.of(community)),
				"password-123");
		for (int view = 0; view < 2; view++) {
			String admins = admin.get("/admin").body();
			assertThat(admins).contains("href=\"/admin/staff\"", "href=\"/admin/audit\"", "href=\"/admin/backups\"",
					"href=\"/admin/cashier\"", "href=\"/admin/arrears\"", "id=\"nav-community\"", ">工作台<");
			String technicians = technician.get("/admin").body();
			assertThat(technicians).contains("href=\"/admin/work-orders\"", "href=\"/admin/rounds\"",
					"href=\"/admin/equipment\"");
			assertThat(technicians).doesNotContain("href=\"/admin/staff\"", "href=\"/admin/cashier\"",
					"href=\"/admin/arrears\"", "href=\"/admin/stats\"");
			String finances = finance.get("/admin").body();
			assertThat(finances).contains("href=\"/admin/cashier\"", "href=\"/admin/arrears\"",
					"href=\"/admin/stats\"");
			assertThat(finances).doesNotContain("href=\"/admin/staff\"", "href=\"/admin/rounds\"",
					"href=\"/admin/work-orders\"");
		}
		// in English once asked for; the others keep theirs
		assertThat(technician.get("/admin?lang=en").body()).contains(">Home<").doesNotContain(">工作台<");
		assertThat(technician.get("/admin/communities").body()).contains(">Home<", "href=\"/admin/rounds\"");
		assertThat(finance.get("/admin").body()).contains(">工作台<").doesNotContain(">Home<");

		// the entries of roles no one has viewed yet are rendered during the page: the
		// page keeps its own variables (the member's name shows on that first view too)
		WebSession inspector = WebSession.signIn(this.api.base(),
				createStaff(List.of("INSPECTOR", "FINANCE", "SERVICE"), List.of(community)), "password-123");
		assertThat(inspector.get("/admin?lang=en").body()).contains("href=\"/admin/rounds\"", "<span>测试员工</span></a>");
		assertThat(inspector.get("/admin/communities").body()).contains("<span>测试员工</span></a>");
	}

}
