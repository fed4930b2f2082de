package org.linli.identity.web;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.linli.identity.Permission;
import org.linli.identity.Role;

/**
 * The staff account form of the admin pages.
 */
public class StaffForm {

	@NotBlank(message = "{validation.required}")
	@Size(max = 64, message = "{validation.tooLong}")
	private String username;

	@Size(max = 128, message = "{validation.tooLong}")
	private String password;

	@NotBlank(message = "{validation.required}")
	@Size(max = 64, message = "{validation.tooLong}")
	private String name;

	@Size(max = 20, message = "{validation.tooLong}")
	private String phone;

	private Set<Role> roles = new LinkedHashSet<>();

	private Set<Permission> permissions = new LinkedHashSet<>();

	private Set<Long> communityIds = new LinkedHashSet<>();

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getPhone() {
		return this.phone;
	}

	public void setPhone(String phone) {
		this.phone = phone;
	}

	public Set<Role> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<Role> roles) {
		this.roles = (roles != null) ? roles : new LinkedHashSet<>();
	}

	public Set<Permission> getPermissions() {
		return this.permissions;
	}

	public void setPermissions(Set<Permission> permissions) {
		this.permissions = (permissions != null) ? permissions : new LinkedHashSet<>();
	}

	public Set<Long> getCommunityIds() {
		return this.communityIds;
	}

	public void setCommunityIds(Set<Long> communityIds) {
		this.communityIds = (communityIds != null) ? communityIds : new LinkedHashSet<>();
	}

}
