package org.linli.residents.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.linli.estate.Estate;
import org.linli.estate.RoomRef;
import org.linli.estate.RoomStatus;
import org.linli.identity.CommunityDirectory;
import org.linli.shared.Seed;
import org.linli.shared.crypto.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The residents' share of the demo data: the people of every occupied or rented demo room
 * — owners with their families, landlords with their tenants — with made-up but
 * well-formed phone and ID numbers (encrypted like real ones), and a few who moved out or
 * changed rooms, so histories are not empty. Runs after the demo estate, on an empty
 * resident table only.
 */
@Component
@Order(60)
class DemoResidents implements Seed {

	private static final Logger log = LoggerFactory.getLogger(DemoResidents.class);

	private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱",
			"高", "林", "何", "郭", "马", "罗", "欧阳", "诸葛" };

	private static final String[] GIVEN = { "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
			"涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "志强", "建华", "晓燕", "子涵", "浩然", "雨桐", "一诺" };

	private final JdbcTemplate jdbc;

	private final Estate estate;

	private final CommunityDirectory communities;

	private final PersonalDataCipher cipher;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final boolean enabled;

	DemoResidents(JdbcTemplate jdbc, Estate estate, CommunityDirectory communities, PersonalDataCipher cipher,
			TransactionTemplate transactions, Clock clock, @Value("${linli.demo-data:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.estate = estate;
		this.communities = communities;
		this.cipher = cipher;
		this.transactions = transactions;
		this.clock = clock;
		this.enabled = enabled;
	}

	@Override
	public void seed() {
		Long residents = this.jdbc.queryForObject("SELECT count(*) FROM resident", Long.class);
		if (!this.enabled || residents == null || residents > 0) {
			return;
		}
		this.transactions.executeWithoutResult((status) -> seedAll());
	}

	private void seedAll() {
		Random random = new Random(42);
		Timestamp now = Timestamp.from(Instant.now(this.clock));
		LocalDate today = LocalDate.now(this.clock);
		List<Object[]> people = new ArrayList<>();
		List<Object[]> stays = new ArrayList<>();
		long nextId = 1;
		for (CommunityDirectory.CommunityRef community : this.communities.allCommunities()) {
			for (RoomRef room : this.estate.roomsIn(community.id())) {
				if (!room.status().isOccupied()) {
					continue;
				}
				LocalDate since = today.minusDays(60 + random.nextInt(2500));
				String surname = SURNAMES[random.nextInt(SURNAMES.length)];
				long owner = nextId++;
				people.add(person(owner, community.id(), surname + GIVEN[random.nextInt(GIVEN.length)], random, now,
						1960));
				stays.add(new Object[] { owner, room.id(), community.id(), "OWNER", java.sql.Date.valueOf(since), null,
						null, now });
				if (room.status() == RoomStatus.RENTED) {
					long tenant = nextId++;
					String tenantName = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
					people.add(person(tenant, community.id(), tenantName, random, now, 1985));
					stays.add(new Object[] { tenant, room.id(), community.id(), "TENANT",
							java.sql.Date.valueOf(today.minusDays(30 + random.nextInt(600))), null, null, now });
				}
				else {
					int family = random.nextInt(3);
					for (int f = 0; f < family; f++) {
						long member = nextId++;
						people.add(person(member, community.id(), surname + GIVEN[random.nextInt(GIVEN.length)], random,
								now, 1975));
						stays.add(new Object[] { member, room.id(), community.id(), "FAMILY",
								java.sql.Date.valueOf(since), null, null, now });
					}
				}
				if (random.nextInt(12) == 0) {
					// someone who lived here before and moved out: the room's history is
					// not empty
					long former = nextId++;
					people.add(person(former, community.id(),
							SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)], random,
							now, 1980));
					stays.add(new Object[] { former, room.id(), community.id(), "TENANT",
							java.sql.Date.valueOf(since.minusDays(400)), java.sql.Date.valueOf(since.minusDays(20)),
							"租约到期", now });
				}
			}
		}
		this.jdbc.batchUpdate(
				"""
						INSERT INTO resident (id, community_id, name, phone_cipher, phone_hash, id_type, id_cipher, id_hash, gender,
						                      emergency_cipher, note, created_at, updated_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				people);
		this.jdbc.execute("SELECT setval('resident_id_seq', (SELECT max(id) FROM resident))");
		this.jdbc.batchUpdate("""
				INSERT INTO occupancy (resident_id, room_id, community_id, role, since, until, end_reason, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", stays);
		log.info("Seeded demo residents: {} people, {} stays", people.size(), stays.size());
	}

	private Object[] person(long id, long communityId, String name, Random random, Timestamp now, int bornFrom) {
		String phone = "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
		LocalDate birth = LocalDate.of(bornFrom + random.nextInt(25), 1 + random.nextInt(12), 1 + random.nextInt(28));
		int sequence = random.nextInt(999);
		String first17 = "330106" + birth.toString().replace("-", "") + String.format("%03d", sequence);
		String idNumber = first17 + IdNumbers.checkCharacter(first17);
		String gender = (sequence % 2 == 1) ? "MALE" : "FEMALE";
		return new Object[] { id, communityId, name, this.cipher.encrypt(phone), this.cipher.searchHash(phone),
				"ID_CARD", this.cipher.encrypt(idNumber), this.cipher.searchHash(idNumber), gender, null, null, now,
				now };
	}

}
