package org.linli.identity.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.linli.identity.CommunityDirectory;
import org.linli.identity.Permission;
import org.linli.identity.Role;
import org.linli.shared.Seed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * On first start: creates the {@code admin} account (password from
 * {@code LINLI_ADMIN_PASSWORD}, or generated and printed once), and, with demo data on, a
 * few staff members for the demo communities. The estate's demo data is seeded first
 * ({@code @Order} below it), so the staff can be assigned to its communities.
 */
@Component
@Order(100)
class AccountBootstrap implements Seed {

	private static final Logger log = LoggerFactory.getLogger(AccountBootstrap.class);

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final StaffAccountRepository accounts;

	private final PasswordEncoder encoder;

	private final CommunityDirectory communities;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final String configuredPassword;

	private final boolean demoData;

	private final String demoPassword;

	AccountBootstrap(StaffAccountRepository accounts, PasswordEncoder encoder, CommunityDirectory communities,
			TransactionTemplate transactions, Clock clock, @Value("${linli.admin-password:}") String configuredPassword,
			@Value("${linli.demo-data:true}") boolean demoData, @Value("${linli.demo-password:}") String demoPassword) {
		this.demoPassword = demoPassword;
		this.accounts = accounts;
		this.encoder = encoder;
		this.communities = communities;
		this.transactions = transactions;
		this.clock = clock;
		this.configuredPassword = configuredPassword;
		this.demoData = demoData;
	}

	@Override
	public void seed() {
		if (this.accounts.existsByUsernameIgnoreCase("admin")) {
			return;
		}
		boolean generated = !StringUtils.hasText(this.configuredPassword);
		String password = generated ? generatePassword() : this.configuredPassword;
		Map<String, String> demo = new LinkedHashMap<>();
		this.transactions.executeWithoutResult((status) -> {
			StaffAccount admin = new StaffAccount("admin", this.encoder.encode(password), "系统管理员",
					Instant.now(this.clock));
			admin.assign(Set.of(Role.ADMIN), Set.of(Permission.PERSONAL_DATA_VIEW), Set.of());
			this.accounts.save(admin);
			if (this.demoData && this.accounts.count() == 1) {
				demo.putAll(seedDemoStaff());
			}
		});
		if (generated) {
			// Printed once, on the start that created the account; it is stored only as a
			// hash.
			log.warn("""

					==============================================================
					 Linli admin account created.  username: admin   password: {}
					 Change it after signing in (/admin/password); it will not be shown again.
					==============================================================""", password);
		}
		else {
			log.info("Linli admin account created with the password from LINLI_ADMIN_PASSWORD");
		}
		if (!demo.isEmpty() && !StringUtils.hasText(this.demoPassword)) {
			StringBuilder table = new StringBuilder();
			demo.forEach((username, secret) -> table.append(String.format("%n  %-14s %s", username, secret)));
			log.warn("Demo staff accounts, each with its own password (shown once):{}", table);
		}
	}

	/**
	 * The demo staff, each with their own password ({@code LINLI_DEMO_PASSWORD} when set,
	 * for demonstrations and tests); answers the generated ones by username.
	 */
	private Map<String, String> seedDemoStaff() {
		Map<String, String> passwords = new LinkedHashMap<>();
		List<CommunityDirectory.CommunityRef> all = this.communities.allCommunities();
		if (all.isEmpty()) {
			return passwords;
		}
		Set<Long> first = Set.of(all.get(0).id());
		Instant now = Instant.now(this.clock);
		record Demo(String username, String name, Role role) {
		}
		List<Demo> staff = List.of(new Demo("wang.jianguo", "王建国", Role.MANAGER), new Demo("li.na", "李娜", Role.FINANCE),
				new Demo("zhang.min", "张敏", Role.SERVICE), new Demo("liu.qiang", "刘强", Role.TECHNICIAN),
				new Demo("chen.wei", "陈伟", Role.INSPECTOR));
		List<String> usernames = new java.util.ArrayList<>(staff.stream().map(Demo::username).toList());
		if (all.size() > 1) {
			usernames.add("zhao.lei");
		}
		boolean given = StringUtils.hasText(this.demoPassword);
		for (String username : usernames) {
			passwords.put(username, given ? this.demoPassword : generatePassword());
		}
		// hashing is slow on purpose: on every core at once
		Map<String, String> hashes = passwords.entrySet()
			.parallelStream()
			.collect(java.util.stream.Collectors.toConcurrentMap(Map.Entry::getKey,
					(entry) -> this.encoder.encode(entry.getValue())));
		for (Demo demo : staff) {
			StaffAccount account = new StaffAccount(demo.username(), hashes.get(demo.username()), demo.name(), now);
			account.assign(Set.of(demo.role()), Set.of(), first);
			this.accounts.save(account);
		}
		if (all.size() > 1) {
			StaffAccount other = new StaffAccount("zhao.lei", hashes.get("zhao.lei"), "赵磊", now);
			other.assign(Set.of(Role.MANAGER), Set.of(), Set.of(all.get(1).id()));
			this.accounts.save(other);
		}
		log.info("Seeded {} demo staff accounts", usernames.size());
		// the generated ones are shown once; a given one is not repeated
		return given ? Map.of() : passwords;
	}

	private static String generatePassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
