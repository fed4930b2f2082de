package org.linli.identity.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.linli.identity.Permission;
import org.linli.identity.Role;

/**
 * A staff member's account. The phone number is stored encrypted, with a keyed hash for
 * search.
 */
@Entity
@Table(name = "staff_account")
public class StaffAccount {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String username;

	@Column(name = "password_hash")
	private String passwordHash;

	private String name;

	@Column(name = "phone_cipher")
	private String phoneCipher;

	@Column(name = "phone_hash")
	private String phoneHash;

	private boolean enabled = true;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "staff_account_role", joinColumns = @JoinColumn(name = "account_id"))
	@Column(name = "role")
	@Enumerated(EnumType.STRING)
	private Set<Role> roles = new HashSet<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "staff_account_permission", joinColumns = @JoinColumn(name = "account_id"))
	@Column(name = "permission")
	@Enumerated(EnumType.STRING)
	private Set<Permission> permissions = new HashSet<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "staff_account_community", joinColumns = @JoinColumn(name = "account_id"))
	@Column(name = "community_id")
	private Set<Long> communityIds = new HashSet<>();

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Version
	private int version;

	protected StaffAccount() {
	}

	StaffAccount(String username, String passwordHash, String name, Instant now) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.name = name;
		this.createdAt = now;
		this.updatedAt = now;
	}

	void rename(String name) {
		this.name = name;
	}

	void changePassword(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	void changePhone(String cipher, String hash) {
		this.phoneCipher = cipher;
		this.phoneHash = hash;
	}

	void assign(Set<Role> roles, Set<Permission> permissions, Set<Long> communityIds) {
		this.roles.clear();
		this.roles.addAll(roles);
		this.permissions.clear();
		this.permissions.addAll(permissions);
		this.communityIds.clear();
		this.communityIds.addAll(communityIds);
	}

	void enable() {
		this.enabled = true;
	}

	void disable() {
		this.enabled = false;
	}

	void touch(Instant now) {
		this.updatedAt = now;
	}

	public Long getId() {
		return this.id;
	}

	public String getUsername() {
		return this.username;
	}

	public String getPasswordHash() {
		return this.passwordHash;
	}

	public String getName() {
		return this.name;
	}

	public String getPhoneCipher() {
		return this.phoneCipher;
	}

	public String getPhoneHash() {
		return this.phoneHash;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public Set<Role> getRoles() {
		return this.roles.isEmpty() ? Set.of() : EnumSet.copyOf(this.roles);
	}

	public Set<Permission> getPermissions() {
		return this.permissions.isEmpty() ? Set.of() : EnumSet.copyOf(this.permissions);
	}

	public Set<Long> getCommunityIds() {
		return Set.copyOf(this.communityIds);
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
