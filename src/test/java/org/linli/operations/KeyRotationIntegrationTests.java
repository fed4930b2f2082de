package org.linli.operations;

import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.linli.LinliApplication;
import org.linli.operations.internal.KeyRotation;
import org.linli.shared.crypto.EncryptedColumns;
import org.linli.shared.crypto.PersonalDataCipher;
import org.linli.support.Api;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linli.support.HttpAssert.assertThat;

/**
 * A new personal-data key beside the old one: every value still reads (those sealed with
 * the old key, and those written before values carried a key id), search by phone and ID
 * number still finds, the background rotation seals every value again with the new key
 * and counts down to nothing, and then a node with the new key alone reads everything. On
 * a database of its own, since its keys are not the other tests'.
 */
class KeyRotationIntegrationTests {

	private static final String OLD_KEY = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

	private static final String NEW_KEY = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

	private static final String ADMIN_PASSWORD = "test-admin-password";

	@Test
	void aNewKeyReadsTheOldValuesSealsThemAgainAndThenStandsAlone() {
		try (ConfigurableApplicationContext first = node("--linli.crypto.key=" + OLD_KEY)) {
			Api api = api(first);
			String admin = api.token("admin", ADMIN_PASSWORD);
			long community = api.post("/api/v1/communities", admin, Map.of("name", "轮换小区", "address", "轮换路1号")).id();
			long building = api
				.post("/api/v1/communities/" + community + "/buildings", admin,
						Map.of("name", "1栋", "floors", 6, "hasElevator", false))
				.id();
			long room = api
				.post("/api/v1/buildings/" + building + "/rooms", admin,
						Map.of("unit", "1单元", "floor", 1, "number", "101", "buildingArea", "88.00", "usableArea",
								"70.00", "type", "RESIDENTIAL", "handoverDate", "2020-01-01"))
				.id();
			Api.Response registered = api.post("/api/v1/residents", admin,
					Map.of("name", "钱七", "phone", "13912345678", "idType", "ID_CARD", "idNumber", "11010519491231002X",
							"emergencyContact", "钱六 13800000000", "communityId", community, "roomId", room, "role",
							"OWNER", "since", "2024-01-01"));
			assertThat(registered).hasStatus(201);
			long resident = registered.id();
			long other = api
				.post("/api/v1/residents", admin, Map.of("name", "孙九", "phone", "13700001111", "communityId", community,
						"roomId", room, "role", "FAMILY", "since", "2024-01-01"))
				.id();
			JdbcClient jdbc = first.getBean(JdbcClient.class);
			// as an earlier version wrote it: no key id in front
			String legacy = new PersonalDataCipher(OLD_KEY, "target/unused").encrypt("13700001111");
			jdbc.sql("UPDATE resident SET phone_cipher = ? WHERE id = ?")
				.params(legacy.substring(legacy.indexOf(':') + 1), other)
				.update();
			String url = first.getBean(EmbeddedPostgres.class).getJdbcUrl("postgres", "postgres");

			try (ConfigurableApplicationContext rotating = node("--spring.datasource.url=" + url,
					"--spring.datasource.username=postgres", "--linli.crypto.key=" + NEW_KEY,
					"--linli.crypto.old-keys=" + OLD_KEY)) {
				Api onRotating = api(rotating);
				String token = onRotating.token("admin", ADMIN_PASSWORD);
				assertReadsAndFinds(onRotating, token, resident, other);
				JsonNode before = onRotating.get("/api/v1/key-rotation", token).json();
				assertThat(before.get("oldKeysConfigured").asBoolean()).isTrue();
				// the phone, ID number and emergency contact of one, the phone of the
				// other
				assertThat(before.get("remaining").asLong()).isEqualTo(4);

				KeyRotation rotation = rotating.getBean(KeyRotation.class);
				assertThat(rotation.rotate(java.time.Duration.ofMinutes(1))).isEqualTo(before.get("remaining").asInt());
				assertThat(rotation.step()).isZero();
				JsonNode after = onRotating.get("/api/v1/key-rotation", token).json();
				assertThat(after.get("remaining").asLong()).isZero();
				assertThat(after.get("total").asLong()).isEqualTo(before.get("total").asLong());
				String newId = rotating.getBean(PersonalDataCipher.class).currentKeyId();
				for (EncryptedColumns.Column c : rotation.columns()) {
					assertThat(jdbc
						.sql("SELECT count(*) FROM " + c.table() + " WHERE " + c.column() + " IS NOT NULL AND "
								+ c.column() + " NOT LIKE ?")
						.param("k" + newId + ":%")
						.query(Long.class)
						.single()).as(c.toString()).isZero();
				}
				// the search key is sealed with the new key too
				assertThat(jdbc.sql("SELECT sealed FROM crypto_key WHERE purpose = 'search-hash'")
					.query(String.class)
					.single()).startsWith("k" + newId + ":");
				assertReadsAndFinds(onRotating, token, resident, other);
			}

			try (ConfigurableApplicationContext alone = node("--spring.datasource.url=" + url,
					"--spring.datasource.username=postgres", "--linli.crypto.key=" + NEW_KEY)) {
				Api onAlone = api(alone);
				String token = onAlone.token("admin", ADMIN_PASSWORD);
				assertReadsAndFinds(onAlone, token, resident, other);
				// and what it writes is found as well
				long third = onAlone
					.post("/api/v1/residents", token,
							Map.of("name", "李十", "phone", "13600002222", "communityId", community, "roomId", room,
									"role", "TENANT", "since", "2025-01-01"))
					.id();
				assertThat(onAlone.get("/api/v1/residents?q=13600002222", token)
					.json()
					.get("content")
					.get(0)
					.get("id")
					.asLong()).isEqualTo(third);
			}
		}
	}

	private static void assertReadsAndFinds(Api api, String token, long resident, long other) {
		JsonNode seen = api.get("/api/v1/residents/" + resident, token).json();
		assertThat(seen.get("phone").asString()).isEqualTo("13912345678");
		assertThat(seen.get("idNumber").asString()).isEqualTo("11010519491231002X");
		assertThat(api.get("/api/v1/residents/" + other, token).json().get("phone").asString())
			.isEqualTo("13700001111");
		assertThat(ids(api.get("/api/v1/residents?q=13912345678", token).json())).containsExactly(resident);
		assertThat(ids(api.get("/api/v1/residents?q=11010519491231002X", token).json())).containsExactly(resident);
		assertThat(ids(api.get("/api/v1/residents?q=13700001111", token).json())).containsExactly(other);
	}

	private static List<Long> ids(JsonNode page) {
		return page.get("content").valueStream().map((r) -> r.get("id").asLong()).toList();
	}

	private static ConfigurableApplicationContext node(String... args) {
		String[] all = java.util.stream.Stream
			.concat(java.util.stream.Stream.of(args), java.util.stream.Stream.of("--server.port=0"))
			.toArray(String[]::new);
		return new SpringApplicationBuilder(LinliApplication.class).run(all);
	}

	private static Api api(ConfigurableApplicationContext node) {
		return new Api(((WebServerApplicationContext) node).getWebServer().getPort());
	}

}
